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

    /** The last activity: a new message (or the closing). Drives listing order and inactivity. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The username of the clinician the thread is addressed to ("reply directly to me"); null for the team. */
    @Column(name = "addressed_to")
    public String addressedTo;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The away clinician on whose behalf {@link #addressedTo} (their out-of-office delegate) handles the thread. */
    @Column(name = "on_behalf_of")
    public String onBehalfOf;

    @Override
    public String toString() {
        return "MessageThread[id=" + id + "]";
    }
}
