package org.careline.events;

/** Why triage escalated a thread beyond its queue. */
public enum EscalationReason {
    /** A message was classified EMERGENT: the on-call clinician and the 911 auto-reply act at once. */
    EMERGENT,
    /** A queue item passed its due time without being completed. */
    OVERDUE
}
