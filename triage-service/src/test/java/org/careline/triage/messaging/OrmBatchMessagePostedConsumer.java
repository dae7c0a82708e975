package org.careline.triage.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
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
import org.careline.triage.service.QueueChange;
import org.careline.triage.service.QueueChangeLog;
import org.careline.triage.service.OrmTriageService;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The batched consumer as it was before the batch write path (issue 9, tput): {@code InboxBatch.process}, one
 * Hibernate unit of work per event ({@link OrmTriageService}, flushed and cleared between events), kept verbatim for
 * {@code TriageIngestBenchmark} only. It exists only when the benchmark's profile sets {@value #ENABLED} and reads
 * its own topic, so the old and the new path run in one JVM, alternately.
 */
@ApplicationScoped
@IfBuildProperty(name = OrmBatchMessagePostedConsumer.ENABLED, stringValue = "true")
public class OrmBatchMessagePostedConsumer {

    public static final String ENABLED = "careline.bench.orm-batch-consumer";
    public static final String CHANNEL = "bench-orm-batch";
    static final String NAME = MessagePostedConsumer.NAME;
    static final String DEAD_LETTERS = MessagePostedConsumer.DEAD_LETTERS;

    private final EventCodec codec;
    private final InboxBatch inbox;
    private final OrmTriageService service;
    private final QueueChangeLog changes;
    private final MutinyEmitter<String> deadLetters;

    public OrmBatchMessagePostedConsumer(EventCodec codec, InboxBatch inbox, OrmTriageService service, QueueChangeLog changes,
                                 @Channel(DEAD_LETTERS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                                 MutinyEmitter<String> deadLetters) {
        this.codec = codec;
        this.inbox = inbox;
        this.service = service;
        this.changes = changes;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<InboxBatch.Item<QueueChange>> items = new ArrayList<>(batch.getRecords().size());
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
                items.add(new InboxBatch.Item<>(record, NAME, event.id(),
                        () -> service.triage(posted).call(change -> changes.append(change, null))));
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
}
