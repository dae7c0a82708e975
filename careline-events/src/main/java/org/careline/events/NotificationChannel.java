package org.careline.events;

/** A hint to the notification sender; the sender owns contact details and preferences. */
public enum NotificationChannel {
    /** The recipient's preferred channel (SMS, e-mail or push). */
    PREFERRED,
    /** Inside the care-team application (work-queue badge), no external message. */
    IN_APP,
    /** Every channel the recipient allows, at once: used for the emergency auto-reply. */
    ALL
}
