package org.careline.events;

import java.time.Instant;

/**
 * A triage rule judged that a patient's message needs a visit rather than a message exchange.
 * messaging-service turns it into a visit request ({@link VisitRequested} with source
 * {@code TRIAGE_RULE}) unless the thread already has an open one. Codes only, no text.
 *
 * @param recommendationId unique id (one per triage decision that recommended a visit)
 * @param messageId        the patient message whose triage recommended the visit
 * @param visitType        in person, video or phone
 * @param reason           a coded reason
 * @param ruleId           the triage rule that fired (a rule id from the rules configuration)
 * @param rulesVersion     the version of the triage rules that decided
 */
public record VisitRecommended(
        String recommendationId,
        String threadId,
        String messageId,
        String patientId,
        String careTeam,
        VisitType visitType,
        VisitReason reason,
        String ruleId,
        String rulesVersion,
        Instant recommendedAt) {
}
