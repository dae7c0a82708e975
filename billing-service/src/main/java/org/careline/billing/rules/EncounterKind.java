package org.careline.billing.rules;

/** What kind of service the EHR reports for a patient. */
public enum EncounterKind {
    /** An in-person E/M visit (office or other outpatient). */
    EM_OFFICE_VISIT,
    /** An E/M visit by telehealth (audio-video or audio-only). */
    EM_TELEHEALTH_VISIT,
    /** A procedure; with a global period end, the post-operative period bars separate e-visits. */
    PROCEDURE,
    /** Anything else (lab draw, nurse visit...): no effect on e-visits. */
    OTHER;

    public boolean isEm() {
        return this == EM_OFFICE_VISIT || this == EM_TELEHEALTH_VISIT;
    }
}
