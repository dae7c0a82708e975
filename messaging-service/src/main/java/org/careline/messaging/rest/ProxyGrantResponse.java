package org.careline.messaging.rest;

import org.careline.messaging.ProxyScope;

import java.time.Instant;

/**
 * A proxy grant.
 *
 * @param active whether it lets the caregiver in now (not revoked, not expired)
 */
public record ProxyGrantResponse(String id, String caregiver, String patientId, ProxyScope scope, Instant expiresAt,
                                 String grantedBy, Instant createdAt, Instant updatedAt, Instant revokedAt,
                                 boolean active) {
}
