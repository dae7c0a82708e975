package org.careline.messaging.rest;

import java.time.Instant;

/** A signing secret's metadata (never its value): it signs until {@code expiresAt} (null: until rotated). */
public record WebhookSecretInfo(String id, Instant createdAt, Instant expiresAt) {
}
