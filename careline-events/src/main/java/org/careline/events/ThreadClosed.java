package org.careline.events;

import java.time.Instant;

/**
 * A thread was closed. No message text.
 *
 * @param reason         why, e.g. {@code INACTIVITY}
 * @param lastActivityAt the last activity before it closed
 */
public record ThreadClosed(
        String threadId,
        String patientId,
        String careTeam,
        String reason,
        Instant lastActivityAt,
        Instant closedAt) {
}
