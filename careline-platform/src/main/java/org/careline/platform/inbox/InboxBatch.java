package org.careline.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.MalformedEventException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Processes the events of one consumed Kafka batch (one poll) idempotently in <em>one</em> transaction: one
 * statement records every event id in the inbox ({@code processed_event}), then the work of each first delivery
 * runs in the batch's order (offset order within a partition, so per-key order holds), and everything commits
 * together. Between two events the session is flushed and cleared, so each event sees the earlier ones' writes as
 * if they had committed, and loads entities afresh. Event ids seen before, or earlier in the same batch, do no work.
 * <p>
 * If the batch transaction fails (a malformed event found only while processing, an optimistic-lock conflict, the
 * database), nothing of it is committed and the batch is processed again one event per transaction, as
 * {@link Inbox#once} does: a malformed event or one that still fails after {@value #RETRIES} retries becomes a
 * {@link DeadLetter} and the others commit. The caller acknowledges the Kafka batch only after this completes and
 * its dead letters are on the broker.
 */
@ApplicationScoped
public class InboxBatch {

    static final int RETRIES = 3;

    private final Inbox inbox;

    public InboxBatch(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * One event of a batch to process once per consumer.
     *
     * @param consumer the inbox name (one consumer may use several, e.g. one per event type)
     * @param work     runs inside the transaction; its result is returned once committed
     */
    public record Item<R>(ConsumedRecord record, String consumer, String eventId, Supplier<Uni<R>> work) {
    }

    /**
     * What a batch did.
     *
     * @param committed   the results of the work that committed, in batch order (may hold nulls)
     * @param deadLetters the events that could not be processed
     * @param skipped     redelivered event ids (seen before or earlier in the batch)
     */
    public record Outcome<R>(List<R> committed, List<DeadLetter> deadLetters, int skipped, boolean fellBack) {
    }

    /**
     * One event of a batch whose work runs for all of the batch's events at once ({@link #processTogether}).
     *
     * @param consumer the inbox name
     * @param event    what the work needs of it (e.g. the decoded payload)
     */
    public record Event<E>(ConsumedRecord record, String consumer, String eventId, E event) {
    }

    /**
     * As {@link #process}, but the work sees every first delivery of the batch at once, in batch order, so that it can
     * read and write with a few statements per batch instead of per event. Same guarantees: one transaction with the
     * inbox rows (one multi-row insert); an event id seen before, or earlier in the batch, is not handed to the work;
     * if the transaction fails, each event is processed again in a transaction of its own ({@code work} called with
     * that one event, {@value #RETRIES} retries) and a malformed or still failing event becomes a dead letter.
     *
     * @param work runs inside the transaction with the batch's new events, in order; returns what they changed (any
     *             number of results, none for an event that changed nothing)
     */
    public <E, R> Uni<Outcome<R>> processTogether(List<Event<E>> events, Function<List<E>, Uni<List<R>>> work) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome<>(List.of(), List.of(), 0, false));
        }
        List<Item<List<R>>> items = new ArrayList<>(events.size());
        for (Event<E> e : events) {
            items.add(new Item<>(e.record(), e.consumer(), e.eventId(), () -> work.apply(List.of(e.event()))));
        }
        int[] skipped = {0};
        return Panache.withTransaction(() -> firstDeliveries(items).chain(fresh -> {
                    List<E> todo = new ArrayList<>(events.size());
                    Set<String> started = new HashSet<>();
                    skipped[0] = 0;
                    for (Event<E> e : events) {
                        String key = e.consumer() + '\n' + e.eventId();
                        if (fresh.contains(key) && started.add(key)) {
                            todo.add(e.event());
                        } else {
                            skipped[0]++;
                        }
                    }
                    return todo.isEmpty() ? Uni.createFrom().item(List.<R>of()) : work.apply(todo);
                }))
                .map(results -> new Outcome<>(nullSafe(results), List.<DeadLetter>of(), skipped[0], false))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("batch of %d events failed in one transaction (%s): processing them one by one",
                            events.size(), failure.getClass().getSimpleName());
                    return oneByOne(items).map(outcome -> {
                        List<R> flat = new ArrayList<>();
                        outcome.committed().forEach(list -> {
                            if (list != null) {
                                flat.addAll(list);
                            }
                        });
                        return new Outcome<>(nullSafe(flat), outcome.deadLetters(), outcome.skipped(), true);
                    });
                });
    }

    public <R> Uni<Outcome<R>> process(List<Item<R>> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(new Outcome<>(List.of(), List.of(), 0, false));
        }
        return inOneTransaction(items)
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("batch of %d events failed in one transaction (%s): processing them one by one",
                            items.size(), failure.getClass().getSimpleName());
                    return oneByOne(items);
                });
    }

    private <R> Uni<Outcome<R>> inOneTransaction(List<Item<R>> items) {
        List<R> committed = new ArrayList<>(items.size());
        int[] skipped = {0};
        return Panache.withTransaction(() -> firstDeliveries(items).chain(fresh -> {
            committed.clear();
            skipped[0] = 0;
            Set<String> started = new HashSet<>();
            return InOrder.run(items, item -> {
                String key = item.consumer() + '\n' + item.eventId();
                if (!fresh.contains(key) || !started.add(key)) {
                    skipped[0]++;
                    return Uni.createFrom().voidItem();
                }
                // flushed and cleared before the next event: its queries (e.g. "the patient's open episode") must see
                // this one's writes, and its loads must come from the database (not an instance this event changed
                // or a bulk update left stale), as when each event had its own transaction and session
                return item.work().get().invoke(committed::add).call(InboxBatch::flushAndClear).replaceWithVoid();
            });
        })).map(ignored -> new Outcome<>(nullSafe(committed), List.of(), skipped[0], false));
    }

    private <R> Uni<Outcome<R>> oneByOne(List<Item<R>> items) {
        List<R> committed = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        int[] skipped = {0};
        return InOrder.run(items, item -> {
            @SuppressWarnings("unchecked")
            R[] result = (R[]) new Object[1];
            // Panache.withTransaction closed the failed batch's session: each attempt gets a fresh one
            return Uni.createFrom().deferred(() -> inbox.once(item.consumer(), item.eventId(),
                            () -> item.work().get().invoke(r -> result[0] = r).replaceWithVoid()))
                    .onFailure(f -> !(f instanceof MalformedEventException))
                    .retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(RETRIES)
                    .invoke(ran -> {
                        if (ran) {
                            committed.add(result[0]);
                        } else {
                            skipped[0]++;
                        }
                    })
                    .onFailure().recoverWithItem(failure -> {
                        Log.warnf("event %s not processed by %s (%s): dead-lettered", item.eventId(), item.consumer(),
                                failure.getClass().getSimpleName());
                        Log.debug("why", failure);
                        dead.add(new DeadLetter(item.record(), reason(failure)));
                        return false;
                    })
                    .replaceWithVoid();
        }).map(ignored -> new Outcome<>(nullSafe(committed), List.copyOf(dead), skipped[0], true));
    }

    private static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    /** Inserts every (consumer, event id) of the batch in one statement; returns those that were new. */
    private Uni<Set<String>> firstDeliveries(List<? extends Item<?>> items) {
        Map<String, String[]> distinct = new LinkedHashMap<>();
        for (Item<?> item : items) {
            distinct.putIfAbsent(item.consumer() + '\n' + item.eventId(), new String[] {item.consumer(), item.eventId()});
        }
        StringBuilder sql = new StringBuilder("insert into processed_event (consumer, event_id) values ");
        int i = 0;
        for (String[] ignored : distinct.values()) {
            sql.append(i == 0 ? "" : ", ").append("(:c").append(i).append(", :e").append(i).append(')');
            i++;
        }
        sql.append(" on conflict do nothing returning consumer, event_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Object[].class);
            int p = 0;
            for (String[] key : distinct.values()) {
                query.setParameter("c" + p, key[0]);
                query.setParameter("e" + p, key[1]);
                p++;
            }
            return query.getResultList();
        }).map(rows -> {
            Set<String> fresh = new HashSet<>();
            for (Object[] row : rows) {
                fresh.add(row[0] + "\n" + row[1]);
            }
            return fresh;
        });
    }

    private static String reason(Throwable failure) {
        if (failure instanceof MalformedEventException) {
            return failure.getMessage(); // names ids and kinds only, never content (EventCodec, services)
        }
        return "not processed: " + failure.getClass().getSimpleName() + " after " + RETRIES + " retries";
    }

    private static <R> List<R> nullSafe(List<R> list) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }
}
