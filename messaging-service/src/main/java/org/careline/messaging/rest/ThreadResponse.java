package org.careline.messaging.rest;

import org.careline.events.MessageTopic;
import org.careline.messaging.ThreadStatus;

import java.time.Instant;
import java.util.List;

/**
 * A thread as its participants see it, with its messages in posting order and its read receipts.
 *
 * @param addressedTo the clinician the thread is addressed to ("reply directly to me"; their out-of-office
 *                    delegate while they are away); null for the team
 * @param onBehalfOf  the away clinician on whose behalf the delegate handles it, or null
 */
public record ThreadResponse(String id, String patientId, String careTeam, String subject, MessageTopic topic,
                             ThreadStatus status, boolean patientInitiated, Instant createdAt, Instant updatedAt,
                             String addressedTo, Instant closedAt, List<MessageResponse> messages,
                             List<ReadReceiptResponse> readReceipts, String onBehalfOf) {
}
