package org.careline.triage.rest;

import org.careline.events.Urgency;
import org.careline.triage.QueueStatus;

import java.time.Instant;

/** Where a thread waits: the care-team pool, how pressing it is and when it becomes overdue. */
public record QueueItemResponse(String id, String queue, Urgency urgency, int priority, Instant dueAt,
                                QueueStatus status, String lastMessageId, Instant createdAt, Instant updatedAt) {
}
