package org.careline.messaging;

/** Why the system posted an automatic reply. Also the {@code kind} label of the auto-reply counter. */
public enum AutoReplyKind {
    /** A new patient thread while the practice is open: when to expect an answer, not for emergencies. */
    EXPECTATIONS,
    /** A patient message outside business hours. */
    AFTER_HOURS,
    /** A patient message on a practice holiday. */
    HOLIDAY,
    /** Triage reported EMERGENT: call 911 or go to the nearest emergency department. */
    EMERGENCY
}
