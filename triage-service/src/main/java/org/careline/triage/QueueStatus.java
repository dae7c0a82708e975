package org.careline.triage;

/** Where a queue item stands: OPEN until someone completes the work (COMPLETED). CLOSED is kept for old rows. */
public enum QueueStatus {
    OPEN, CLOSED, COMPLETED
}
