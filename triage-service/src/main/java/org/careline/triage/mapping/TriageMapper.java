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
                d.decidedAt, d.visitRuleId == null ? null
                : new org.careline.triage.rest.VisitRecommendationResponse(d.visitRuleId, d.visitType, d.visitReason));
    }

    private QueueItemResponse toResponse(QueueItem q) {
        return new QueueItemResponse(q.id.toString(), q.queue, q.urgency, q.priority, q.dueAt, q.status,
                q.lastMessageId, q.createdAt, q.updatedAt);
    }

    public org.careline.triage.rest.WorkItemResponse toWorkItem(QueueItem q, java.time.Instant now) {
        return new org.careline.triage.rest.WorkItemResponse(q.id.toString(), q.threadId.toString(), q.patientId,
                q.careTeam, q.queue, q.urgency, q.priority, q.dueAt, q.dueAt.isBefore(now), q.status, q.assignee,
                q.assignedAt, q.lastMessageId, q.createdAt, q.updatedAt);
    }

    /** An opaque cursor: the sort key (priority, due time, id) of a page's last item. */
    public String cursor(QueueItem last) {
        String key = last.priority + "|" + last.dueAt.toString() + "|" + last.id;
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; a 400 problem when it is not one of ours. */
    public org.careline.triage.repository.QueueItemRepository.Position position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                    java.nio.charset.StandardCharsets.UTF_8).split("\\|");
            return new org.careline.triage.repository.QueueItemRepository.Position(Integer.parseInt(parts[0]),
                    java.time.Instant.parse(parts[1]), java.util.UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw org.careline.platform.problem.ProblemException.badRequest("The cursor is not valid: start again without it.");
        }
    }
}
