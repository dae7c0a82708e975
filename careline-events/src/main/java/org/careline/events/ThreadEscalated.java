package org.careline.events;

import java.time.Instant;

/**
 * Triage escalated a thread: an emergency at once, or work that went overdue. Identifiers and codes
 * only. Messaging sends its emergency auto-reply on reason {@code EMERGENT}.
 *
 * @param messageId the message that caused the escalation (for OVERDUE, the latest triaged one)
 * @param queue     the queue the work sits in
 * @param dueAt     when the queue item was or is due
 */
public record ThreadEscalated(
        String threadId,
        String messageId,
        String patientId,
        String careTeam,
        String queue,
        Urgency urgency,
        EscalationReason reason,
        Instant dueAt,
        Instant escalatedAt) {
}
