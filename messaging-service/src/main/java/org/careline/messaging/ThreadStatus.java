package org.careline.messaging;

/** Whose turn it is in a conversation. */
public enum ThreadStatus {
    AWAITING_CARE_TEAM, AWAITING_PATIENT, CLOSED
}
