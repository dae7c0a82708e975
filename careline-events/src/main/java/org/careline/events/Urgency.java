package org.careline.events;

/** How fast a message needs clinical attention, most urgent first. */
public enum Urgency {
    /** Call 911 / go to the emergency department now. */
    EMERGENT,
    /** Same-day clinical attention. */
    URGENT,
    ROUTINE
}
