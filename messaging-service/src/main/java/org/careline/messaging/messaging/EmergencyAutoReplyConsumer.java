package org.careline.messaging.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EscalationReason;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.events.ThreadEscalated;
import org.careline.messaging.service.EmergencyAutoReplies;
import org.careline.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * Triage's escalations: on reason {@code EMERGENT}, the emergency ("call 911") automatic reply. Each
 * event is handled once (inbox); a record that is not a valid escalation is nacked and lands on the
 * dead-letter topic.
 */
@ApplicationScoped
public class EmergencyAutoReplyConsumer {

    static final String NAME = "messaging.emergency-auto-reply";

    private final EventCodec codec;
    private final Inbox inbox;
    private final EmergencyAutoReplies replies;

    public EmergencyAutoReplyConsumer(EventCodec codec, Inbox inbox, EmergencyAutoReplies replies) {
        this.codec = codec;
        this.inbox = inbox;
        this.replies = replies;
    }

    @Incoming("thread-escalated")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.THREAD_ESCALATED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ThreadEscalated escalated = codec.data(event, EventType.THREAD_ESCALATED, ThreadEscalated.class);
        if (escalated.reason() == null) {
            throw new MalformedEventException("event " + event.id() + " has no escalation reason");
        }
        if (escalated.reason() != EscalationReason.EMERGENT) {
            return Uni.createFrom().voidItem();
        }
        UUID threadId = threadId(event, escalated);
        return inbox.once(NAME, event, () -> replies.reply(threadId, escalated.patientId())).replaceWithVoid();
    }

    private static UUID threadId(CloudEvent event, ThreadEscalated escalated) {
        try {
            return UUID.fromString(escalated.threadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("event " + event.id() + " has no valid thread id");
        }
    }
}
