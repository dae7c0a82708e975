package org.careline.triage.rest;

import org.careline.events.Urgency;
import org.careline.triage.QueueStatus;

import java.time.Instant;

/** A work-list item: a thread waiting in a pool. Identifiers and codes, no message text. */
public record WorkItemResponse(String id, String threadId, String patientId, String careTeam, String queue,
                               Urgency urgency, int priority, Instant dueAt, boolean overdue, QueueStatus status,
                               String assignee, Instant assignedAt, String lastMessageId, Instant createdAt,
                               Instant updatedAt) {
}
