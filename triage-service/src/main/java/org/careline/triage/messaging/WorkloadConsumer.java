package org.careline.triage.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.platform.inbox.Inbox;
import org.careline.triage.WorkloadKind;
import org.careline.triage.service.WorkloadRecorder;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records the workload fact of every posted message (its own consumer group, {@code triage-service-workload}, so
 * it neither slows nor shares offsets with triage). It reads {@code message-posted} because that is the one event
 * for every message: the thread events carry no message id for a thread's first message and no automatic
 * replies. The text is dropped at once. Malformed records go to {@code careline.dlq.triage-workload}.
 */
@ApplicationScoped
public class WorkloadConsumer {

    static final String NAME = "triage.workload";

    private final EventCodec codec;
    private final Inbox inbox;
    private final WorkloadRecorder recorder;
    private final MeterRegistry registry;

    public WorkloadConsumer(EventCodec codec, Inbox inbox, WorkloadRecorder recorder, MeterRegistry registry) {
        this.codec = codec;
        this.inbox = inbox;
        this.recorder = recorder;
        this.registry = registry;
    }

    @Incoming("workload-messages")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.MESSAGE_POSTED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        MessagePosted posted = codec.data(event, EventType.MESSAGE_POSTED, MessagePosted.class);
        WorkloadKind[] recorded = new WorkloadKind[1];
        return inbox.once(NAME, event, () -> recorder.record(posted).invoke(k -> recorded[0] = k).replaceWithVoid())
                .invoke(() -> {
                    if (recorded[0] != null) { // after the commit, once per message
                        registry.counter("careline.triage.workload.messages", "kind", recorded[0].name()).increment();
                    }
                })
                .replaceWithVoid();
    }
}
