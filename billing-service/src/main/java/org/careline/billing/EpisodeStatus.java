package org.careline.billing;

/**
 * Where an e-visit billing episode stands. Apart from AWAITING_REVIEW, an episode's status is its
 * charge's ({@link ChargeStatus}).
 */
public enum EpisodeStatus {
    /** A patient-initiated thread exists; no physician/QHP has reviewed it yet, so no billable time. */
    AWAITING_REVIEW,
    /** A physician/QHP reviewed it: the 7-day window is open and time accumulates. */
    PENDING,
    /** The window closed with at least 5 minutes: a code is assigned and the charge can be submitted. */
    READY,
    /** Billable, but held: no consent to possible charges (CONSENT_MISSING), or a requested visit pending (VISIT_REQUESTED). */
    HELD,
    /** The charge was sent to the billing system. */
    SUBMITTED,
    /** Withdrawn by a biller, or a ready/held charge that a late fact made not billable (reason kept). */
    VOID,
    /** Under 5 minutes, or an exclusion applies (related E/M in the previous 7 days, global period...). */
    NOT_BILLABLE;

    /** The names as a regular expression, for validating the status filter. Kept equal by a test. */
    public static final String NAMES = "AWAITING_REVIEW|PENDING|READY|HELD|SUBMITTED|VOID|NOT_BILLABLE";
}
