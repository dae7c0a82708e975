package org.careline.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.Category;
import org.careline.events.Urgency;

import java.time.Instant;
import java.util.UUID;

/** A clinician's correction of a triage decision: training feedback. Holds no message text. */
@Entity
@Table(name = "triage_correction")
public class TriageCorrection {

    @Id
    public UUID id;

    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Column(name = "rules_version", nullable = false)
    public String rulesVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_urgency", nullable = false)
    public Urgency fromUrgency;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_category", nullable = false)
    public Category fromCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_urgency", nullable = false)
    public Urgency toUrgency;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_category", nullable = false)
    public Category toCategory;

    @Column(name = "corrected_by", nullable = false)
    public String correctedBy;

    @Column(name = "corrected_at", nullable = false)
    public Instant correctedAt;
}
