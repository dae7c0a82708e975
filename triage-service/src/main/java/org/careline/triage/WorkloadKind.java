package org.careline.triage;

/** Who posted a message, for workload analytics. */
public enum WorkloadKind {
    /** A patient's or caregiver's message: work the care team received. */
    PATIENT,
    /** A clinician's or staff member's reply. */
    CARE_TEAM,
    /** The practice's automatic reply (after hours, holiday, expectations, emergency). */
    AUTO_REPLY
}
