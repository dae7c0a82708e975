package org.careline.billing;

/** A charge's billing lifecycle. */
public enum ChargeStatus {
    /** The window is open: time accumulates. */
    PENDING,
    /** Decided billable with a code; may be submitted. */
    READY,
    /** Billable, held until the patient consents (reason CONSENT_MISSING). */
    HELD,
    /** Sent to the billing system; never re-evaluated. */
    SUBMITTED,
    /** Withdrawn (by a biller), or a ready/held charge that a late fact made not billable. */
    VOID,
    /** Decided not billable, with a reason. */
    NOT_BILLABLE;

    /** The names as a regular expression, for validating the status filter. Kept equal by a test. */
    public static final String NAMES = "PENDING|READY|HELD|SUBMITTED|VOID|NOT_BILLABLE";

    /** Decided and not yet submitted: late facts re-evaluate these. */
    public boolean reevaluable() {
        return this == READY || this == HELD || this == NOT_BILLABLE;
    }
}
