package org.careline.events;

/** Where a visit request stands: open until the EHR books it, then scheduled, completed or cancelled. */
public enum VisitRequestStatus {
    /** Waiting to be booked. */
    OPEN,
    /** Booked (the appointment time, when the EHR gives one, travels with it). */
    SCHEDULED,
    /** The visit took place. Final. */
    COMPLETED,
    /** The visit will not take place (a coded reason says why). Final. */
    CANCELLED
}
