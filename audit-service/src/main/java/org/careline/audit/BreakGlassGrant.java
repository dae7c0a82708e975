package org.careline.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * An emergency ("break-the-glass") access grant: one clinician, one patient, until {@link #expiresAt}. The stated
 * {@link #reason} is free text and stays in this service (never in events or logs). The writer role may only set
 * the review columns after insert.
 */
@Entity
@Table(name = "break_glass_grant")
@DynamicUpdate // the writer role may update the review columns only: never send the others

public class BreakGlassGrant {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    public String username;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** Free text, possibly clinical: shown to auditors only. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "review_outcome")
    public String reviewOutcome;

    public boolean reviewed() {
        return reviewedAt != null;
    }

    @Override
    public String toString() {
        return "BreakGlassGrant[id=" + id + "]";
    }
}
