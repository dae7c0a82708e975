package org.careline.messaging.rest;

import org.careline.events.VisitCancelReason;
import org.careline.events.VisitReason;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitType;

import java.time.Instant;

/**
 * A visit request of a thread.
 *
 * @param requestedBy    the care-team member's user id; null when a triage rule asked
 * @param replyMessageId the templated reply posted to the patient
 * @param status         OPEN, SCHEDULED, COMPLETED or CANCELLED
 * @param appointmentAt  the booked time when the EHR gave one, else null
 * @param cancelReason   the coded reason of a cancellation, else null
 * @param updatedAt      when the status last changed; null while OPEN
 */
public record VisitRequestResponse(String id, String threadId, String patientId, String careTeam, VisitType visitType,
                                   VisitReason reason, String note, VisitRequestSource source, String requestedBy,
                                   String status, String replyMessageId, Instant requestedAt, Instant appointmentAt,
                                   VisitCancelReason cancelReason, Instant updatedAt) {
}
