package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Emergency access of one clinician to one patient's threads, as announced by audit-service. */
@Entity
@Table(name = "break_glass_grant")
public class BreakGlassGrant {

    @Id
    @Column(name = "grant_id")
    public String grantId;

    /** The clinician's subject id (token {@code sub}). */
    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
