package org.careline.messaging.rest;

import org.careline.events.MessageTopic;
import org.careline.messaging.ThreadStatus;

import java.time.Instant;
import java.util.List;

/**
 * A thread as its participants see it, with its messages in posting order.
 *
 * @param clinicianId the clinician it is addressed to (their delegate while they are away), or null
 * @param onBehalfOf  the away clinician on whose behalf the delegate handles it, or null
 */
public record ThreadResponse(String id, String patientId, String careTeam, String subject, MessageTopic topic,
                             ThreadStatus status, boolean patientInitiated, Instant createdAt, Instant updatedAt,
                             List<MessageResponse> messages, String clinicianId, String onBehalfOf) {
}
