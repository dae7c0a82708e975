package org.careline.events;

import java.time.Instant;

/**
 * A care-team member completed the work a thread put in a triage queue. Identifiers and codes only.
 *
 * @param itemId      the queue item
 * @param completedBy the user id of who completed it
 * @param overdue     whether it was completed after its due time
 */
public record QueueItemCompleted(
        String threadId,
        String itemId,
        String patientId,
        String careTeam,
        String queue,
        Urgency urgency,
        String completedBy,
        Instant createdAt,
        Instant dueAt,
        Instant completedAt,
        boolean overdue) {
}
