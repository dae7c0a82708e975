package org.careline.messaging.service;

/** How a caller reaches a thread: what lets them see it, and so what they may do and how it is audited. */
public enum Reach {
    /** The patient the thread is about. */
    PATIENT(true),
    /** A caregiver under a read-only proxy grant. */
    PROXY_READ(false),
    /** A caregiver under a read-write proxy grant. */
    PROXY_WRITE(true),
    /** A clinician or staff member of the thread's care team. */
    CARE_TEAM(true),
    /** The clinician (or staff member) the thread is addressed to. */
    ADDRESSED(true),
    /** A clinician under a live break-the-glass grant: read only, audited as emergency treatment. */
    BREAK_GLASS(false);

    /** HL7 PurposeOfUse of emergency treatment, recorded for every access under break-the-glass. */
    public static final String EMERGENCY_TREATMENT = "ETREAT";

    private final boolean mayWrite;

    Reach(boolean mayWrite) {
        this.mayWrite = mayWrite;
    }

    public boolean mayWrite() {
        return mayWrite;
    }

    public boolean isCareTeamSide() {
        return this == CARE_TEAM || this == ADDRESSED || this == BREAK_GLASS;
    }
}
