package org.careline.triage.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EscalationReason;
import org.careline.events.EventType;
import org.careline.events.ThreadEscalated;
import org.careline.events.QueueItemCompleted;
import org.careline.events.MessageTriaged;
import org.careline.events.VisitRecommended;
import org.careline.platform.outbox.Outbox;
import org.careline.triage.QueueItem;
import org.careline.triage.TriageDecision;

/** The events triage announces, written to the outbox and keyed by thread id. */
@ApplicationScoped
public class TriageEvents {

    private final Outbox outbox;

    public TriageEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The message's own urgency and category, and where its thread now waits. */
    public Uni<Void> messageTriaged(TriageDecision decision, QueueItem item) {
        String key = decision.threadId.toString();
        MessageTriaged triaged = new MessageTriaged(key, decision.messageId, decision.patientId, decision.careTeam,
                decision.urgency, decision.category, item.queue, item.dueAt, decision.rulesVersion,
                decision.decidedAt);
        return outbox.append(EventType.MESSAGE_TRIAGED, key, key, triaged).replaceWithVoid();
    }

    /**
     * The thread needs more than its queue: an emergency at once (messaging sends its 911 auto-reply, the
     * on-call clinician is paged) or work that went overdue.
     */
    public Uni<Void> threadEscalated(QueueItem item, String messageId, EscalationReason reason, java.time.Instant at) {
        String key = item.threadId.toString();
        ThreadEscalated escalated = new ThreadEscalated(key, messageId, item.patientId, item.careTeam, item.queue,
                item.urgency, reason, item.dueAt, at);
        return outbox.append(EventType.THREAD_ESCALATED, key, key, escalated).replaceWithVoid();
    }

    /**
     * A visit rule fired on the decision: messaging turns the thread into a visit request. One per decision (the
     * decision id is the recommendation id).
     */
    public Uni<Void> visitRecommended(TriageDecision decision) {
        String key = decision.threadId.toString();
        VisitRecommended recommended = new VisitRecommended(decision.id.toString(), key, decision.messageId,
                decision.patientId, decision.careTeam, decision.visitType, decision.visitReason, decision.visitRuleId,
                decision.rulesVersion, decision.decidedAt);
        return outbox.append(EventType.VISIT_RECOMMENDED, key, key, recommended).replaceWithVoid();
    }

    /** The work a thread put in a queue is done. */
    public Uni<Void> queueItemCompleted(QueueItem item) {
        String key = item.threadId.toString();
        QueueItemCompleted completed = new QueueItemCompleted(key, item.id.toString(), item.patientId, item.careTeam,
                item.queue, item.urgency, item.completedBy, item.createdAt, item.dueAt, item.completedAt,
                item.completedAt.isAfter(item.dueAt));
        return outbox.append(EventType.QUEUE_ITEM_COMPLETED, key, key, completed).replaceWithVoid();
    }
}
