package org.careline.events;

import java.time.Instant;

/**
 * A clinician outside a patient's care team was granted emergency ("break-the-glass") access to that
 * patient's data until {@code expiresAt}. The stated reason stays in audit-service; services that hold
 * the patient's data honour the grant and audit each access under it with purpose of use {@code ETREAT}.
 */
public record BreakGlassGranted(
        String grantId,
        String userId,
        String patientId,
        Instant grantedAt,
        Instant expiresAt) {
}
