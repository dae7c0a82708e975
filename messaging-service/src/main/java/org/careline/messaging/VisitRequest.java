package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.ParticipantRole;
import org.careline.events.VisitCancelReason;
import org.careline.events.VisitReason;
import org.careline.events.VisitRequestStatus;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitType;

import java.time.Instant;
import java.util.UUID;

/**
 * A thread converted into a visit request because messaging was not the right mode. The EHR's scheduling
 * books the visit from the {@code visit-requested} event; the free-text note never leaves this service.
 */
@Entity
@Table(name = "visit_request")
public class VisitRequest {

    /** While the visit is to be booked (then SCHEDULED, COMPLETED or CANCELLED: {@link VisitRequestStatus}). */
    public static final String OPEN = "OPEN";

    @Id
    public UUID id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Enumerated(EnumType.STRING)
    @Column(name = "visit_type", nullable = false)
    public VisitType visitType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VisitReason reason;

    /** The clinician's free text: shown in the thread, never put in an event. */
    @Column
    public String note;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VisitRequestSource source;

    /** The user id of the care-team member; null for a triage rule. */
    @Column(name = "requested_by")
    public String requestedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "requested_by_role")
    public ParticipantRole requestedByRole;

    @Column(name = "requested_by_credential")
    public String requestedByCredential;

    /** The templated reply posted to the patient with the next steps. */
    @Column(name = "reply_message_id", nullable = false)
    public UUID replyMessageId;

    @Column(nullable = false)
    public String status;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** The booked time, when the EHR gave one with SCHEDULED. */
    @Column(name = "appointment_at")
    public Instant appointmentAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    public VisitCancelReason cancelReason;

    /** Who last changed the status: a care-team member's user id or the EHR integration's client id. */
    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public VisitRequestStatus status() {
        return VisitRequestStatus.valueOf(status);
    }

    @Override
    public String toString() {
        return "VisitRequest[id=" + id + "]";
    }
}
