package org.careline.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.careline.events.CloudEvent;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in id order, in bounded batches, and marks them published in the
 * same transaction that locked them. A crash before the commit leaves the rows unpublished, so they
 * are sent again: delivery is at least once and consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel; its Kafka settings ship in this library's defaults. */
    public static final String CHANNEL = "careline-outbox";

    private final OutboxRepository repository;
    private final OutboxConfig config;
    private final MutinyEmitter<String> emitter;
    private final Clock clock;
    private final Timer lag;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private long timerId = -1;

    public OutboxRelay(OutboxRepository repository, OutboxConfig config,
                       @Channel(CHANNEL) MutinyEmitter<String> emitter, Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.config = config;
        this.emitter = emitter;
        this.clock = clock;
        this.lag = Timer.builder("careline.outbox.lag")
                .description("Time from an event's commit to the outbox until Kafka acknowledged it")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Polls on a Vert.x timer (the Quarkus scheduler's floor is one second, too slow for a message
     * pipeline), one run at a time, each on a fresh duplicated context as Hibernate Reactive requires.
     */
    void start(@Observes StartupEvent startup, Vertx vertx) {
        if (!config.relayEnabled()) {
            Log.info("outbox relay disabled on this instance");
            return;
        }
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), timer -> {
            if (stopping || !running.compareAndSet(false, true)) {
                return;
            }
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().deferred(this::drain)
                    .onTermination().invoke(() -> running.set(false))
                    .subscribe().with(sent -> { }, failure -> Log.warnf(
                            "outbox relay run failed (%s); unpublished events stay queued",
                            failure.getClass().getName())));
        });
    }

    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Publishes batches until the outbox is empty or a batch fails. */
    private Uni<Integer> drain() {
        return relayBatch().chain(sent -> sent < config.batchSize()
                ? Uni.createFrom().item(sent)
                : drain().map(more -> sent + more));
    }

    /** Publishes one batch; returns how many events went out. */
    public Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> repository.lockNextBatch(config.batchSize())
                .chain(this::publishInOrder));
    }

    private Uni<Integer> publishInOrder(List<OutboxEvent> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Unis are subscribed in list order, so the producer receives the records in id order.
        List<Uni<Void>> sends = batch.stream().map(this::send).toList();
        // every record of the batch is in flight at once; the acks are awaited together, then one statement marks
        // the whole batch (not one UPDATE per row at flush)
        return Uni.join().all(sends).andFailFast().chain(ignored -> {
            Instant now = clock.instant();
            List<Long> ids = new ArrayList<>(batch.size());
            batch.forEach(row -> {
                ids.add(row.id);
                lag.record(Duration.between(row.createdAt, now));
            });
            return repository.markPublished(ids, now).replaceWith(batch.size());
        });
    }

    private Uni<Void> send(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEvent.TYPE_HEADER, row.eventType.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }
}
