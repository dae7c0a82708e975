package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.careline.billing.rules.CodeFamily;
import org.careline.billing.rules.Reason;

import java.time.Instant;
import java.util.UUID;

/**
 * An e-visit (online digital E/M) billing episode: the cumulative physician/QHP time spent on a
 * patient's inquiry over up to 7 days from the first review, billed once as 99421-99423 (or
 * 98970-98972 for qualified nonphysician professionals). Its threads are {@link EpisodeThread}s.
 */
@Entity
@Table(name = "episode")
public class Episode {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    /** The group whose physicians'/QHPs' time adds up (configured per care team; by default the team). */
    @Column(name = "billing_group", nullable = false)
    public String billingGroup;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EpisodeStatus status;

    /**
     * The window's start: the first physician/QHP (or nonphysician) review with a clinical assessment. On an
     * episode awaiting review, the first such review without assessment (its clock for non-E/M closure).
     */
    @Column(name = "opened_at")
    public Instant openedAt;

    /** Cumulative physician/QHP minutes; clinical staff time never counts. */
    @Column(name = "total_minutes", nullable = false)
    public int totalMinutes;

    /** The billing code once decided, e.g. {@code 99422}; null until then. */
    @Column
    public String code;

    /** The window's exclusive end; set once a review starts the clock. */
    @Column(name = "window_end")
    public Instant windowEnd;

    /** Whether the thread whose review opened the episode was patient-initiated. */
    @Column(name = "patient_initiated", nullable = false)
    public boolean patientInitiated = true;

    @Enumerated(EnumType.STRING)
    @Column(name = "code_family")
    public CodeFamily codeFamily;

    /** Why not billable or held, after a decision. */
    @Enumerated(EnumType.STRING)
    @Column
    public Reason reason;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The last decision's rule trace as JSON (ids, codes, numbers only). */
    @Column
    public String trace;

    /** While a requested visit holds the episode (reason VISIT_REQUESTED): when the hold ends and it is decided again. */
    @Column(name = "hold_until")
    public Instant holdUntil;

    @Version
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
