package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.MessageTopic;
import org.careline.events.ParticipantRole;

import java.time.Instant;
import java.util.UUID;

/** A conversation about one patient, owned by one care team. */
@Entity
@Table(name = "message_thread")
public class MessageThread {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Column(nullable = false)
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageTopic topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ThreadStatus status;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "created_by_role", nullable = false)
    public ParticipantRole createdByRole;

    @Column(name = "patient_initiated", nullable = false)
    public boolean patientInitiated;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The clinician the thread is addressed to (user id), if any; their out-of-office delegate while they are away. */
    @Column(name = "clinician_id")
    public String clinicianId;

    /** The away clinician on whose behalf {@link #clinicianId} (their delegate) handles the thread; else null. */
    @Column(name = "on_behalf_of")
    public String onBehalfOf;
}
