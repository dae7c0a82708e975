package org.careline.messaging.rest;

import java.time.Instant;

/** A template as stored, placeholders unfilled. */
public record TemplateResponse(String id, String careTeam, String name, String body, String createdBy,
                               Instant createdAt, Instant updatedAt) {
}
