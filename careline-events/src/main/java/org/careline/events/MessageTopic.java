package org.careline.events;

/** The reason a patient picks when writing. A hint for triage, not its answer. */
public enum MessageTopic {
    MEDICATION, APPOINTMENT, TEST_RESULTS, CLINICAL_QUESTION, BILLING, PAPERWORK, OTHER
}
