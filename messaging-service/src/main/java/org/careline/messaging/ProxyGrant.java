package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A caregiver's access to one patient's threads, granted by staff, with a scope and an expiry. */
@Entity
@Table(name = "proxy_grant")
public class ProxyGrant {

    @Id
    public UUID id;

    /** The caregiver's username in the identity provider ({@code preferred_username}). */
    @Column(nullable = false)
    public String caregiver;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProxyScope scope;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Whether the grant lets its caregiver in at {@code now}. */
    public boolean isLive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
