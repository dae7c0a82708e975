package org.careline.events;

/** Who a notification is for. */
public enum NotificationRecipientKind {
    /** The patient the thread is about; {@code recipientId} is the patient id. */
    PATIENT,
    /** A caregiver with proxy access to the patient; {@code recipientId} is their user id. */
    CAREGIVER,
    /** A care team's shared pool; {@code recipientId} is the care team. */
    CARE_TEAM,
    /** One clinician a thread is addressed to (or their out-of-office delegate); {@code recipientId} is their user id. */
    CLINICIAN
}
