package org.careline.events;

import java.time.Instant;

/**
 * A visit request moved on: scheduled (optionally with the appointment time), completed or cancelled (with a
 * coded reason). Billing keeps the thread's time rolled into the visit whatever the outcome (the 7-day rule looks
 * at the request); the EHR and reporting follow the outcome. No text.
 *
 * @param previousStatus the status before this change
 * @param appointmentAt  the booked time when scheduled and known, else null
 * @param cancelReason   why it was cancelled, else null
 * @param updatedBy      the care-team member's user id, or the OAuth client id of the EHR integration
 */
public record VisitRequestUpdated(
        String visitRequestId,
        String threadId,
        String patientId,
        String careTeam,
        VisitRequestStatus status,
        VisitRequestStatus previousStatus,
        Instant appointmentAt,
        VisitCancelReason cancelReason,
        String updatedBy,
        Instant updatedAt) {
}
