package org.careline.events;

import java.time.Instant;

/**
 * A participant read a thread up to its latest message (a read receipt). No message text.
 *
 * @param reader            who read it
 * @param lastReadMessageId the newest message of the thread when it was read
 */
public record ThreadRead(
        String threadId,
        String patientId,
        String careTeam,
        Participant reader,
        String lastReadMessageId,
        Instant readAt) {
}
