package org.careline.audit.service;

import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;

import java.time.Instant;

/**
 * A validated audit query. Null filters match everything.
 *
 * @param from  inclusive lower bound of {@code occurredAt}
 * @param to    exclusive upper bound of {@code occurredAt}
 * @param limit records per page, within the configured bounds
 * @param after where the previous page ended; null for the first page
 */
public record AuditQuery(String patientId, String userId, AuditAction action, AuditOutcome outcome, Instant from,
                         Instant to, int limit, PageCursor after, String resourceType, String resourceId) {
}
