package org.careline.messaging.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of {@code POST /api/v1/webhooks/subscriptions/{id}/secrets}. */
@Schema(name = "WebhookRotationRequest")
public record WebhookRotationRequest(
        @Schema(description = "How long the current secrets keep signing (ISO-8601 duration, default PT24H, at most P7D)",
                examples = "PT24H")
        @Size(max = 40) String expireCurrentAfter) {
}
