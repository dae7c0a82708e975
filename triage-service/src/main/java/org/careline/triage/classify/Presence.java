package org.careline.triage.classify;

/** Whether a phrase occurs in a message, and whether every occurrence is negated. */
enum Presence {
    ABSENT, NEGATED, PRESENT
}
