package org.careline.events;

import java.time.Instant;

/**
 * Someone should be told that a thread has something new for them, by an external SMS, e-mail or push
 * sender. Carries **no PHI**: no subject, no body, no diagnosis, no name; only identifiers, a generic
 * template key and a deep link, so a sender can say "you have a new message" and nothing more.
 *
 * @param notificationId unique per recipient and message; senders deduplicate on it
 * @param messageId      the message the notification is about
 * @param recipientKind  who the recipient is: a patient, a caregiver, a care-team pool or one clinician
 * @param recipientId    the patient id, the caregiver's or clinician's user id, or the care team
 * @param channel        a hint for the sender (it owns the recipient's contact preferences)
 * @param templateKey    a generic text key such as {@code new-message}, never message content
 * @param deepLink       an app path to open, e.g. {@code /threads/0b6f...}, without host
 */
public record NotificationRequested(
        String notificationId,
        String threadId,
        String messageId,
        NotificationRecipientKind recipientKind,
        String recipientId,
        NotificationChannel channel,
        String templateKey,
        String deepLink,
        Instant requestedAt) {
}
