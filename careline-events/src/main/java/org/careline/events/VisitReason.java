package org.careline.events;

/**
 * Why a thread became a visit request, as a code: the free-text note a clinician may add stays in
 * messaging-service and never travels on Kafka.
 */
public enum VisitReason {
    /** The problem needs an examination or a test that messaging cannot give. */
    NEEDS_EXAMINATION,
    /** Too complex or too long for an asynchronous exchange. */
    TOO_COMPLEX_FOR_MESSAGING,
    /** A new problem rather than a question about an existing one. */
    NEW_PROBLEM,
    /** A planned follow-up. */
    FOLLOW_UP,
    /** The patient asked for a visit. */
    PATIENT_REQUEST,
    /** Triage judged the message urgent enough for a same-day visit. */
    TRIAGE_URGENCY,
    OTHER
}
