package org.careline.messaging.rest;

import org.careline.events.MessageTopic;
import org.careline.messaging.ThreadStatus;

import java.time.Instant;

/** A thread in a list, without its messages. */
public record ThreadSummaryResponse(String id, String patientId, String careTeam, String subject, MessageTopic topic,
                                    ThreadStatus status, boolean patientInitiated, Instant createdAt,
                                    Instant updatedAt, String addressedTo, Instant closedAt) {
}
