package org.careline.triage;

/** Where a queue item stands. Claiming, resolving and escalating come with the work-list issue. */
public enum QueueStatus {
    OPEN, CLOSED
}
