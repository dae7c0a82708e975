package org.careline.audit.service;

/**
 * The query parameters of {@code GET /api/v1/audit/events} exactly as the caller sent them (any may be
 * null). {@link AuditQueryParser} turns them into an {@link AuditQuery} once the caller may query.
 */
public record AuditFilters(String patientId, String userId, String action, String outcome, String from,
                           String to, String limit, String cursor, String resourceType, String resourceId) {

    /** The filters of the first version of the API, without the resource filters. */
    public AuditFilters(String patientId, String userId, String action, String outcome, String from, String to,
                        String limit, String cursor) {
        this(patientId, userId, action, outcome, from, to, limit, cursor, null, null);
    }
}
