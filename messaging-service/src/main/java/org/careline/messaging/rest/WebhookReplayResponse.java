package org.careline.messaging.rest;

/** How many dead deliveries were queued again. */
public record WebhookReplayResponse(int replayed) {
}
