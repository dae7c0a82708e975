package org.careline.billing;

/**
 * Where an e-visit billing episode stands. Only AWAITING_REVIEW is reached today; the others are the
 * states the time-logging and coding increment moves episodes through.
 */
public enum EpisodeStatus {
    /** A patient-initiated thread exists; no physician/QHP has reviewed it yet, so no billable time. */
    AWAITING_REVIEW,
    /** A physician/QHP reviewed it: the 7-day window is open and time accumulates. */
    PENDING,
    /** The window closed with at least 5 minutes: a code is assigned and the charge can be submitted. */
    READY,
    /** The charge was sent to the billing system. */
    SUBMITTED,
    /** Withdrawn, e.g. the time rolled into an E/M visit within 7 days. */
    VOID,
    /** Under 5 minutes, or an exclusion applies (related E/M in the previous 7 days, global period...). */
    NOT_BILLABLE;

    /** The names as a regular expression, for validating the status filter. Kept equal by a test. */
    public static final String NAMES = "AWAITING_REVIEW|PENDING|READY|SUBMITTED|VOID|NOT_BILLABLE";
}
