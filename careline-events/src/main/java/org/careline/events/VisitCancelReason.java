package org.careline.events;

/** Why a visit request was cancelled, as a code: no free text travels on Kafka. */
public enum VisitCancelReason {
    /** The patient declined the visit. */
    PATIENT_DECLINED,
    /** The patient did not come to the booked visit. */
    PATIENT_NO_SHOW,
    /** The question was settled without a visit. */
    RESOLVED_WITHOUT_VISIT,
    /** The patient is seen elsewhere (another practice, urgent care, the ED). */
    SEEN_ELSEWHERE,
    /** Another visit request or appointment covers it. */
    DUPLICATE,
    OTHER
}
