package org.careline.triage.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.QueueItem;
import org.careline.triage.TriageDecision;
import org.careline.triage.rest.DecisionResponse;
import org.careline.triage.rest.QueueItemResponse;
import org.careline.triage.rest.TriageRecordResponse;
import org.careline.triage.service.TriageRecord;

/** Entities to API records, in one place. */
@ApplicationScoped
public class TriageMapper {

    public TriageRecordResponse toResponse(TriageRecord record) {
        return new TriageRecordResponse(record.threadId().toString(), record.patientId(), record.careTeam(),
                record.queueItem() == null ? null : toResponse(record.queueItem()),
                record.decisions().stream().map(this::toResponse).toList());
    }

    private DecisionResponse toResponse(TriageDecision d) {
        return new DecisionResponse(d.messageId, d.urgency, d.category, d.confidence, d.explanation, d.rulesVersion,
                d.decidedAt);
    }

    private QueueItemResponse toResponse(QueueItem q) {
        return new QueueItemResponse(q.id.toString(), q.queue, q.urgency, q.priority, q.dueAt, q.status,
                q.lastMessageId, q.createdAt, q.updatedAt);
    }
}
