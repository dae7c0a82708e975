package org.careline.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.service.EpisodeService;
import org.careline.billing.service.TimeLogService;
import org.careline.billing.service.VisitRequestService;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.events.ThreadOpened;
import org.careline.events.TimeLogged;
import org.careline.events.VisitRequested;
import org.careline.platform.inbox.ConsumedRecord;
import org.careline.platform.inbox.DeadLetter;
import org.careline.platform.inbox.DeadLetters;
import org.careline.platform.inbox.InboxBatch;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Thread events from messaging: opened threads that can start an e-visit, time logged with replies, and threads
 * converted into visit requests (the window's time may roll into the visit). One Kafka
 * poll (batch mode) per database transaction ({@link InboxBatch}), in offset order, so a thread's events keep
 * their order. A record that is not a valid event goes to {@code careline.dlq.billing} (channel
 * {@value #DEAD_LETTERS}) without holding up the rest; a redelivered event is skipped by the inbox; a valid event
 * that fails on a transient conflict (e.g. the scheduler deciding the same episode: optimistic version check) makes
 * the batch run again one event per transaction, each retried. Other event types on the topic are ignored.
 * <p>
 * A later event of a batch sees what the earlier ones wrote, as if each had committed on its own
 * ({@link InboxBatch} flushes and clears the session between events): a patient's second thread joins the window
 * the first one's review opened earlier in the same poll ({@code ThreadEventsBatchTest}).
 * <p>
 * Dispatch is by CloudEvents type through {@link #handlers}: to handle another type, add one {@link Handler} entry
 * (type, inbox name, payload class, service method).
 */
@ApplicationScoped
public class ThreadEventsConsumer {

    static final String THREAD_OPENED = "billing.thread-opened";
    static final String TIME_LOGGED = "billing.time-logged";
    static final String VISIT_REQUESTED = "billing.visit-requested";
    static final String DEAD_LETTERS = "billing-dead-letters";

    /** How one event type is handled: its inbox name, payload class and the work (runs in the batch transaction). */
    record Handler<T>(EventType type, String inboxName, Class<T> payload, Function<T, Uni<Void>> work) {

        InboxBatch.Item<Void> item(EventCodec codec, ConsumedRecord record, CloudEvent event) {
            T data = codec.data(event, type, payload);
            return new InboxBatch.Item<>(record, inboxName, event.id(), () -> work.apply(data));
        }
    }

    private final EventCodec codec;
    private final InboxBatch inbox;
    private final MutinyEmitter<String> deadLetters;
    private final Map<String, Handler<?>> handlers;

    public ThreadEventsConsumer(EventCodec codec, InboxBatch inbox, EpisodeService episodes, TimeLogService timeLogs,
                                VisitRequestService visitRequests,
                                @Channel(DEAD_LETTERS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                                MutinyEmitter<String> deadLetters) {
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.handlers = byType(
                new Handler<>(EventType.THREAD_OPENED, THREAD_OPENED, ThreadOpened.class, episodes::recordThread),
                new Handler<>(EventType.TIME_LOGGED, TIME_LOGGED, TimeLogged.class, timeLogs::record),
                new Handler<>(EventType.VISIT_REQUESTED, VISIT_REQUESTED, VisitRequested.class, visitRequests::record));
    }

    @Incoming("thread-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<InboxBatch.Item<Void>> items = new ArrayList<>(batch.getRecords().size());
        List<DeadLetter> malformed = new ArrayList<>();
        for (ConsumedRecord record : ConsumedRecord.of(batch)) {
            try {
                if (record.value() == null) {
                    throw new MalformedEventException("record has no value");
                }
                CloudEvent event = codec.read(record.value());
                Handler<?> handler = handlers.get(event.type());
                if (handler != null) {
                    items.add(handler.item(codec, record, event));
                }
            } catch (MalformedEventException e) {
                malformed.add(new DeadLetter(record, e.getMessage()));
            }
        }
        return inbox.process(items)
                .chain(outcome -> {
                    List<DeadLetter> dead = new ArrayList<>(malformed);
                    dead.addAll(outcome.deadLetters());
                    return DeadLetters.send(deadLetters, dead);
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private static Map<String, Handler<?>> byType(Handler<?>... handlers) {
        Map<String, Handler<?>> byType = new java.util.HashMap<>();
        for (Handler<?> handler : handlers) {
            byType.put(handler.type().type(), handler);
        }
        return Map.copyOf(byType);
    }
}
