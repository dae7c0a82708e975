package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.careline.messaging.repository.ThreadRepository;

import java.util.UUID;

/** The emergency automatic reply for a thread triage found EMERGENT, inside the consumer's transaction. */
@ApplicationScoped
public class EmergencyAutoReplies {

    private final ThreadRepository threads;
    private final AutoReplyService autoReplies;

    public EmergencyAutoReplies(ThreadRepository threads, AutoReplyService autoReplies) {
        this.threads = threads;
        this.autoReplies = autoReplies;
    }

    /** Posts the reply unless the thread is unknown, about another patient, or just got one (rate limit). */
    public Uni<Void> reply(UUID threadId, String patientId) {
        // the row lock serialises concurrent escalations of one thread, so the rate limit holds
        return threads.findById(threadId, LockModeType.PESSIMISTIC_WRITE).chain(thread -> {
            if (thread == null || !thread.patientId.equals(patientId)) {
                Log.warnf("escalation of unknown thread %s (or another patient's): no emergency auto-reply", threadId);
                return Uni.createFrom().voidItem();
            }
            return autoReplies.emergency(thread).replaceWithVoid();
        });
    }
}
