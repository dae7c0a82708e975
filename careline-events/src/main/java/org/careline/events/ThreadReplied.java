package org.careline.events;

import java.time.Instant;

/**
 * Someone replied in an existing thread. No message text: the text travels only in
 * {@code message-posted} on the messages topic.
 *
 * @param author           who replied, with their credential for care-team members
 * @param status           the thread's status after the reply: whose turn it is now
 * @param patientInitiated whether the thread was opened by the patient or their caregiver
 */
public record ThreadReplied(
        String threadId,
        String messageId,
        String patientId,
        String careTeam,
        MessageTopic topic,
        Participant author,
        String status,
        boolean patientInitiated,
        Instant repliedAt) {
}
