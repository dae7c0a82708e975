package org.careline.events;

import java.time.Instant;

/**
 * A care-team member logged time on a thread with a reply. No message text: billing turns it into
 * e-visit time.
 *
 * @param clinician          who did the work, with their credential (MD, DO, NP, PA, RN...)
 * @param minutes            time spent on this reply, 1 or more
 * @param clinicalAssessment true when the clinician evaluated the patient's problem (not only
 *                           results, scheduling, refills or paperwork)
 * @param patientInitiated   whether the thread was opened by the patient or their caregiver
 */
public record TimeLogged(
        String threadId,
        String messageId,
        String patientId,
        String careTeam,
        MessageTopic topic,
        Participant clinician,
        int minutes,
        boolean clinicalAssessment,
        boolean patientInitiated,
        Instant loggedAt) {
}
