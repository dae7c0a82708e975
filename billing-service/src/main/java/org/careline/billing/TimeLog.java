package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.MessageTopic;

import java.time.Instant;
import java.util.UUID;

/** Time a care-team member logged with a reply (one per message id), and the episode it went to. */
@Entity
@Table(name = "time_entry")
public class TimeLog {

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Column(name = "billing_group", nullable = false)
    public String billingGroup;

    /** The episode it counts in (or is recorded against); null when none. */
    @Column(name = "episode_id")
    public UUID episodeId;

    @Column(name = "clinician_id", nullable = false)
    public String clinicianId;

    @Column(name = "clinician_role", nullable = false)
    public String clinicianRole;

    @Column
    public String credential;

    @Column(nullable = false)
    public int minutes;

    @Column(name = "clinical_assessment", nullable = false)
    public boolean clinicalAssessment;

    @Column(name = "patient_initiated", nullable = false)
    public boolean patientInitiated;

    @Enumerated(EnumType.STRING)
    @Column
    public MessageTopic topic;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
