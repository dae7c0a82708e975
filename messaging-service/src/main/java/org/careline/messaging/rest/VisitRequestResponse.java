package org.careline.messaging.rest;

import org.careline.events.VisitReason;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitType;

import java.time.Instant;

/**
 * A visit request of a thread.
 *
 * @param requestedBy    the care-team member's user id; null when a triage rule asked
 * @param replyMessageId the templated reply posted to the patient
 */
public record VisitRequestResponse(String id, String threadId, String patientId, String careTeam, VisitType visitType,
                                   VisitReason reason, String note, VisitRequestSource source, String requestedBy,
                                   String status, String replyMessageId, Instant requestedAt) {
}
