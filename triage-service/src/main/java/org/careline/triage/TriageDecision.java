package org.careline.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.Category;
import org.careline.events.Urgency;
import org.careline.events.VisitReason;
import org.careline.events.VisitType;

import java.time.Instant;
import java.util.UUID;

/** How one message was classified, and why. Holds no message text. */
@Entity
@Table(name = "triage_decision")
public class TriageDecision {

    @Id
    public UUID id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "message_id", nullable = false, unique = true)
    public String messageId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Urgency urgency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    /** A heuristic score in [0, 1] from the rules, not a calibrated probability. */
    @Column(nullable = false)
    public double confidence;

    /** Which rules and phrases fired: rule vocabulary only, never quoted message text. */
    @Column(nullable = false)
    public String explanation;

    @Column(name = "rules_version", nullable = false)
    public String rulesVersion;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    /** The visit rule that recommended a visit request; null when none fired. */
    @Column(name = "visit_rule_id")
    public String visitRuleId;

    @Enumerated(EnumType.STRING)
    @Column(name = "visit_type")
    public VisitType visitType;

    @Enumerated(EnumType.STRING)
    @Column(name = "visit_reason")
    public VisitReason visitReason;
}
