package org.careline.billing.rules;

/** The result of deciding an episode. */
public enum Outcome {
    /** A code is assigned and every rule passed: the charge is ready to submit. */
    BILLABLE,
    /** Billable but held ({@link Reason#CONSENT_MISSING}). */
    HELD,
    /** An exclusion or the time minimum applies: see the reason. */
    NOT_BILLABLE
}
