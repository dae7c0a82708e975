package org.careline.events;

import java.time.Instant;

/**
 * A proxy grant (a caregiver acting for a patient) was created, changed or revoked in messaging-service.
 * Identifiers and the grant's scope only, no PHI. Consumers keep the newest state per {@code grantId}
 * by {@code changedAt}, so a redelivered older event never resurrects a revoked grant.
 *
 * @param caregiver the caregiver's username (the {@code preferred_username} claim)
 * @param scope     {@code READ} or {@code READ_WRITE}
 * @param revokedAt when the grant was revoked, {@code null} while it is not
 * @param changedAt when this state was written; orders the events of one grant
 */
public record ProxyGrantChanged(
        String grantId,
        String caregiver,
        String patientId,
        String scope,
        Instant expiresAt,
        Instant revokedAt,
        Instant changedAt) {
}
