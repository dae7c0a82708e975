package org.careline.billing.rules;

/**
 * Why an episode is not billable, or held. All but {@link #CONSENT_MISSING} are final outcomes of a
 * decision (they can change only when new facts re-evaluate it); CONSENT_MISSING holds a billable
 * episode until the patient's consent is recorded.
 */
public enum Reason {
    /** The window's physician/QHP (or nonphysician) time is under the 5-minute minimum. */
    UNDER_5_MINUTES,
    /** An E/M service in the 7 days before the inquiry (treated as related: billing cannot see the problem). */
    RELATED_EM_PREVIOUS_7_DAYS,
    /** An E/M visit within 7 days of the inquiry: the time rolls into that visit. */
    EM_VISIT_NEXT_7_DAYS,
    /** The inquiry falls in a surgical global (post-operative) period. */
    SURGICAL_GLOBAL_PERIOD,
    /** Only results, scheduling, refills or paperwork: no clinical assessment was logged. */
    NON_EM_CONTENT_ONLY,
    /** The EHR does not report the patient as established. */
    NOT_ESTABLISHED_PATIENT,
    /** The care team, not the patient, started the exchange. */
    NOT_PATIENT_INITIATED,
    /** A hold, not a refusal: billable, but the patient has not consented to possible charges. */
    CONSENT_MISSING
}
