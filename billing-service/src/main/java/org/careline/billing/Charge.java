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

/** The charge of one opened episode: its code, counted minutes and billing lifecycle. */
@Entity
@Table(name = "charge")
public class Charge {

    @Id
    public UUID id;

    @Column(name = "episode_id", nullable = false)
    public UUID episodeId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "billing_group", nullable = false)
    public String billingGroup;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChargeStatus status;

    /** CPT code once decided billable (also kept while held or after voiding), else null. */
    @Column
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(name = "code_family")
    public CodeFamily codeFamily;

    @Column(nullable = false)
    public int minutes;

    /** Why not billable, held or voided by re-evaluation. */
    @Enumerated(EnumType.STRING)
    @Column
    public Reason reason;

    /** Why a biller voided it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "void_reason")
    public VoidReason voidReason;

    /** User ids of the clinicians whose time counted, comma-separated (the ChargeItem's performers). */
    @Column(name = "performer_ids")
    public String performerIds;

    /** The window: first review (inclusive) to its end (exclusive). */
    @Column(name = "service_start", nullable = false)
    public Instant serviceStart;

    @Column(name = "service_end", nullable = false)
    public Instant serviceEnd;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Version
    public int version;
}
