package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A caregiver's proxy grant for a patient, as messaging-service last announced it (the newest
 * {@code changedAt} wins). Billing only reads it: may this caregiver consent for this patient?
 */
@Entity
@Table(name = "caregiver_grant")
public class CaregiverGrant {

    /** The scope that lets a caregiver act (not only read) for the patient. */
    public static final String READ_WRITE = "READ_WRITE";

    @Id
    @Column(name = "grant_id")
    public String grantId;

    /** The caregiver's username ({@code preferred_username}). */
    @Column(nullable = false)
    public String caregiver;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(nullable = false)
    public String scope;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Whether the grant lets its caregiver act for the patient at {@code now}. */
    public boolean allowsActingAt(Instant now) {
        return READ_WRITE.equals(scope) && revokedAt == null && expiresAt.isAfter(now);
    }
}
