package org.careline.messaging.rest;

import org.careline.events.MessageTopic;
import org.careline.messaging.ThreadStatus;

import java.time.Instant;
import java.util.List;

/** A thread as its participants see it, with its messages in posting order. */
public record ThreadResponse(String id, String patientId, String careTeam, String subject, MessageTopic topic,
                             ThreadStatus status, boolean patientInitiated, Instant createdAt, Instant updatedAt,
                             List<MessageResponse> messages) {
}
