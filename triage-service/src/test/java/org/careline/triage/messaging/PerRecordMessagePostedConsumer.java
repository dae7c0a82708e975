package org.careline.triage.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.platform.inbox.Inbox;
import org.careline.triage.service.QueueChangeLog;
import org.careline.triage.service.TriageService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumer as it was before batching (one record per transaction, {@code Inbox.once}), kept verbatim for
 * {@code TriageIngestBenchmark} only: it exists only when the benchmark's profile sets
 * {@value #ENABLED} and reads its own topic, so the old and the new path run in one JVM.
 */
@ApplicationScoped
@IfBuildProperty(name = PerRecordMessagePostedConsumer.ENABLED, stringValue = "true")
public class PerRecordMessagePostedConsumer {

    public static final String ENABLED = "careline.bench.per-record-consumer";
    public static final String CHANNEL = "bench-per-record";

    private final EventCodec codec;
    private final Inbox inbox;
    private final TriageService service;
    private final QueueChangeLog changes;

    public PerRecordMessagePostedConsumer(EventCodec codec, Inbox inbox, TriageService service, QueueChangeLog changes) {
        this.codec = codec;
        this.inbox = inbox;
        this.service = service;
        this.changes = changes;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.MESSAGE_POSTED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        MessagePosted posted = codec.data(event, EventType.MESSAGE_POSTED, MessagePosted.class);
        return inbox.once(MessagePostedConsumer.NAME, event,
                        () -> service.triage(posted).call(c -> changes.append(c, null)).replaceWithVoid())
                .replaceWithVoid();
    }
}
