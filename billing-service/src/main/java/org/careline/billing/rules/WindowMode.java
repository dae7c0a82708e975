package org.careline.billing.rules;

/** How the 7-day window is measured in the practice's time zone. */
public enum WindowMode {
    /**
     * The day of the first review is day 1; the window ends at local midnight after day 7
     * (e.g. first review Monday 15:00 -> ends the next Monday 00:00).
     */
    CALENDAR_DAYS,
    /** Exactly 7 local days after the first review, same wall-clock time (DST-aware, not 168 h). */
    ROLLING
}
