package org.careline.platform.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;

import java.time.Clock;
import java.util.UUID;

/**
 * Writes events into the transactional outbox. Call it inside the transaction that makes the change
 * the event announces ({@code @WithTransaction}); the {@link OutboxRelay} publishes it after commit.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final OutboxConfig config;
    private final EventCodec codec;
    private final Clock clock;

    public Outbox(OutboxRepository repository, OutboxConfig config, EventCodec codec, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Appends an event.
     *
     * @param subject      the aggregate the event is about (CloudEvents {@code subject})
     * @param partitionKey the Kafka record key that keeps related events ordered
     */
    public Uni<CloudEvent> append(EventType type, String subject, String partitionKey, Object payload) {
        CloudEvent event = codec.envelope(type, config.source(), subject, partitionKey, clock.instant(), payload);
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = type.topic();
        row.recordKey = partitionKey;
        row.eventType = type.type();
        row.payload = codec.write(event);
        row.createdAt = event.time();
        return repository.persist(row).replaceWith(event);
    }
}
