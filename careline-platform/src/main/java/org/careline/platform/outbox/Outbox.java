package org.careline.platform.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes events into the transactional outbox. Call it inside the transaction that makes the change
 * the event announces ({@code @WithTransaction}); the {@link OutboxRelay} publishes it after commit.
 * Inside {@link #inOneInsert(Supplier)} the rows of the work are written together, with one multi-row insert
 * when the work completes, instead of one insert (and round trip) per event.
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
        Optional<List<OutboxEvent>> pending = pending();
        if (pending.isPresent()) {
            pending.get().add(row);
            return Uni.createFrom().item(event);
        }
        return repository.persist(row).replaceWith(event);
    }

    /**
     * Runs {@code work} (which must run inside a transaction, e.g. {@code Panache.withTransaction(() ->
     * outbox.inOneInsert(work))}) and writes the events it appends with one multi-row insert when it completes, in
     * the transaction, in the order they were appended (the relay publishes in id order). If the work fails,
     * nothing of it is written. Outside a Vert.x duplicated context, or nested in another {@code inOneInsert},
     * it is just {@code work}: each event is then written as {@link #append} does (or by the outer scope).
     */
    public <T> Uni<T> inOneInsert(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context) || pending().isPresent()) {
            return Uni.createFrom().deferred(() -> work.get());
        }
        List<OutboxEvent> rows = new ArrayList<>();
        ContextLocals.put(PENDING, rows);
        return Uni.createFrom().deferred(() -> work.get())
                .call(() -> {
                    // close the scope first: an event appended after this point is written on its own
                    ContextLocals.remove(PENDING);
                    return insert(rows);
                })
                .onTermination().invoke(() -> {
                    if (ContextLocals.get(PENDING).orElse(null) == rows) {
                        ContextLocals.remove(PENDING);
                    }
                });
    }

    private static final String PENDING = Outbox.class.getName() + ".pending";

    private static Optional<List<OutboxEvent>> pending() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return Optional.empty();
        }
        return ContextLocals.get(PENDING);
    }

    /** One {@code insert ... values (...), (...)}: ids from the sequence in the order of the rows. */
    private static Uni<Void> insert(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(
                "insert into outbox_event (event_id, topic, record_key, event_type, payload, created_at) values ");
        for (int i = 0; i < rows.size(); i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                    .append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5).append(", ?")
                    .append(p + 6).append(')');
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                OutboxEvent row = rows.get(i);
                int p = i * 6;
                query.setParameter(p + 1, row.eventId)
                        .setParameter(p + 2, row.topic)
                        .setParameter(p + 3, row.recordKey)
                        .setParameter(p + 4, row.eventType)
                        .setParameter(p + 5, row.payload)
                        .setParameter(p + 6, row.createdAt);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
