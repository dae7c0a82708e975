package org.careline.events;

import java.time.Instant;

/** A thread was opened. No message text: safe for billing and other non-clinical consumers. */
public record ThreadOpened(
        String threadId,
        String patientId,
        String careTeam,
        MessageTopic topic,
        Participant openedBy,
        boolean patientInitiated,
        Instant openedAt) {
}
