package org.careline.billing.rules;

import java.time.Instant;

/**
 * Time a care-team member logged on one of the patient's threads (from {@code time-logged.v1}).
 *
 * @param role       the participant role (CLINICIAN counts; STAFF never does)
 * @param credential MD, NP, PT, RN...
 */
public record TimeEntry(String messageId, String threadId, String clinicianId, String role, String credential,
                        int minutes, boolean clinicalAssessment, boolean patientInitiated, Instant loggedAt) {
}
