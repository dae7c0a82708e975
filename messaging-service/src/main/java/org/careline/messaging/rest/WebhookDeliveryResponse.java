package org.careline.messaging.rest;

import java.time.Instant;

/**
 * A delivery's metadata (the payload is never shown). {@code id} is the {@code webhook-id} the receiver saw;
 * {@code lastError} is a code ({@code http-500}, {@code timeout}, {@code connection-failed}...).
 */
public record WebhookDeliveryResponse(String id, String subscriptionId, String eventType, String threadId,
                                      String messageId, String state, int attempts, Instant nextAttemptAt,
                                      Instant lastAttemptAt, Integer lastStatus, String lastError,
                                      Instant deliveredAt, Instant createdAt) {
}
