package org.careline.events;

import java.time.Instant;

/**
 * A thread was converted into a visit request: the EHR's scheduling books it, billing rolls the
 * thread's time into the visit (the 7-day rule). No message text and no free-text note.
 *
 * @param visitRequestId unique id of the request (scheduling deduplicates on it)
 * @param source         a care-team member or a triage rule
 * @param requestedBy    the care-team member who converted the thread; null when a triage rule did
 * @param visitType      in person, video or phone
 * @param reason         a coded reason
 * @param patientInitiated whether the thread was opened by the patient or their caregiver
 */
public record VisitRequested(
        String visitRequestId,
        String threadId,
        String patientId,
        String careTeam,
        VisitRequestSource source,
        Participant requestedBy,
        VisitType visitType,
        VisitReason reason,
        boolean patientInitiated,
        Instant requestedAt) {
}
