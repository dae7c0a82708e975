package org.careline.events;

/** The role in which a person took part in a thread. */
public enum ParticipantRole {
    PATIENT, CAREGIVER, CLINICIAN, STAFF;

    /** Whether a thread opened by this role counts as patient-initiated (billing rule). */
    public boolean speaksForPatient() {
        return this == PATIENT || this == CAREGIVER;
    }
}
