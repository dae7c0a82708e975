package org.careline.triage.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.events.MessagePosted;
import org.careline.platform.inbox.ConsumedRecord;
import org.careline.platform.inbox.DeadLetter;
import org.careline.platform.inbox.DeadLetters;
import org.careline.platform.inbox.InboxBatch;
import org.careline.triage.service.TriageService;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Triages every message posted to a thread, one Kafka poll (batch mode, up to {@code max.poll.records}) per
 * database transaction ({@link InboxBatch#processTogether}), the poll's new messages triaged together with a few
 * statements ({@link TriageService#triageAll}): per-thread order holds (a thread's events share a partition and a
 * batch keeps offset order), a redelivered event is skipped by the inbox, a record that is not a valid event goes
 * to {@code careline.dlq.triage} (channel {@value #DEAD_LETTERS}) and does not hold up the rest. The batch is
 * acknowledged, so its offsets may be committed, only after its transaction committed and its dead letters are on
 * the broker. Each queue change is appended to the change log in the batch's transaction: the live streams of every
 * instance get it once that commits (a batch that falls back to one event per transaction logs each once). A batch
 * whose transaction fails (e.g. a message only the service finds malformed) is processed again one event per
 * transaction.
 */
@ApplicationScoped
public class MessagePostedConsumer {

    static final String NAME = "triage.message-posted";
    static final String DEAD_LETTERS = "triage-dead-letters";

    private final EventCodec codec;
    private final InboxBatch inbox;
    private final TriageService service;
    private final MutinyEmitter<String> deadLetters;

    public MessagePostedConsumer(EventCodec codec, InboxBatch inbox, TriageService service,
                                 @Channel(DEAD_LETTERS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                                 MutinyEmitter<String> deadLetters) {
        this.codec = codec;
        this.inbox = inbox;
        this.service = service;
        this.deadLetters = deadLetters;
    }

    @Incoming("message-posted")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<InboxBatch.Event<MessagePosted>> events = new ArrayList<>(batch.getRecords().size());
        List<DeadLetter> malformed = new ArrayList<>();
        for (ConsumedRecord record : ConsumedRecord.of(batch)) {
            try {
                if (record.value() == null) {
                    throw new MalformedEventException("record has no value");
                }
                CloudEvent event = codec.read(record.value());
                if (!EventType.MESSAGE_POSTED.type().equals(event.type())) {
                    continue;
                }
                MessagePosted posted = codec.data(event, EventType.MESSAGE_POSTED, MessagePosted.class);
                events.add(new InboxBatch.Event<>(record, NAME, event.id(), posted));
            } catch (MalformedEventException e) {
                malformed.add(new DeadLetter(record, e.getMessage()));
            }
        }
        return inbox.processTogether(events, service::triageAll)
                .chain(outcome -> {
                    List<DeadLetter> dead = new ArrayList<>(malformed);
                    dead.addAll(outcome.deadLetters());
                    return DeadLetters.send(deadLetters, dead);
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }
}
