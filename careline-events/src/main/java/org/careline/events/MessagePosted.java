package org.careline.events;

import java.time.Instant;

/**
 * A message was posted to a thread. Carries the text, so it is PHI: only triage reads this topic.
 *
 * @param patientInitiated whether the thread was opened by the patient or their caregiver
 * @param firstInThread    whether this message opened the thread
 */
public record MessagePosted(
        String threadId,
        String messageId,
        String patientId,
        String careTeam,
        MessageTopic topic,
        Participant author,
        boolean patientInitiated,
        boolean firstInThread,
        String subject,
        String body,
        Instant postedAt) {
}
