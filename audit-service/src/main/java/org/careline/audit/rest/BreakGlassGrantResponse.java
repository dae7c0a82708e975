package org.careline.audit.rest;

import java.time.Instant;

/**
 * A grant as auditors (and the clinician it was granted to) see it. {@code reason} is the clinician's own text.
 */
public record BreakGlassGrantResponse(String grantId, String userId, String username, String patientId, String reason,
                                      Instant grantedAt, Instant expiresAt, Instant reviewedAt, String reviewedBy,
                                      String reviewOutcome) {
}
