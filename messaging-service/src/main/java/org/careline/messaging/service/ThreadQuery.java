package org.careline.messaging.service;

import org.careline.events.MessageTopic;
import org.careline.messaging.ThreadStatus;

import java.time.Instant;

/**
 * Filters of a thread list; null means any.
 *
 * @param cursor null for the first page
 * @param limit  page size; null for the configured default
 */
public record ThreadQuery(ThreadStatus status, MessageTopic topic, String patientId, Instant updatedAfter,
                          String cursor, Integer limit) {
}
