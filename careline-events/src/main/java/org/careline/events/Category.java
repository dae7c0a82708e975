package org.careline.events;

/** What staff must do first with a message. */
public enum Category {
    MEDICATION, APPOINTMENT, TEST_RESULTS, CLINICAL, BILLING, ADMINISTRATIVE, OTHER
}
