package org.careline.billing.rules;

/**
 * Why an episode is not billable, or held. All but {@link #CONSENT_MISSING} and {@link #VISIT_REQUESTED} are
 * final outcomes of a decision (they can change only when new facts re-evaluate it); those two hold a billable
 * episode until the patient's consent is recorded, or until the requested visit happens or its look-ahead passes.
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
    CONSENT_MISSING,
    /**
     * A hold, not a refusal: a visit was requested from the exchange during the window; if the E/M visit
     * takes place within the look-ahead the time rolls into it (then {@link #EM_VISIT_NEXT_7_DAYS}), else the
     * hold ends when the look-ahead passes.
     */
    VISIT_REQUESTED;

    /** Whether the reason holds a billable charge rather than refusing it. */
    public boolean isHold() {
        return this == CONSENT_MISSING || this == VISIT_REQUESTED;
    }
}
