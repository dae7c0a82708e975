package org.careline.events;

import java.time.Instant;

/**
 * Triage classified a message and placed its thread in a care-team queue.
 *
 * @param queue        the care-team pool that owns the work
 * @param dueAt        when the queue item becomes overdue
 * @param rulesVersion the version of the triage rules that decided
 */
public record MessageTriaged(
        String threadId,
        String messageId,
        String patientId,
        String careTeam,
        Urgency urgency,
        Category category,
        String queue,
        Instant dueAt,
        String rulesVersion,
        Instant triagedAt) {
}
