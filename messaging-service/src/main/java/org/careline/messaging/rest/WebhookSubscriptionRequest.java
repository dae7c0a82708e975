package org.careline.messaging.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The body of {@code POST /api/v1/webhooks/subscriptions} and {@code PUT .../{id}}. */
@Schema(name = "WebhookSubscriptionRequest", description = "Where to send which thread events")
public record WebhookSubscriptionRequest(
        @Schema(description = "The owning OAuth client; an admin names it, an integration client owns its own",
                examples = "careline-ehr")
        @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._:-]+") String ownerClient,

        @Schema(description = "https URL of a public host (http://127.0.0.1 only in dev/test)",
                examples = "https://ehr.example.org/careline/webhooks")
        @NotBlank @Size(max = 2000) String targetUrl,

        @Schema(description = "thread.opened, message.posted, thread.closed", examples = "[\"message.posted\"]")
        @NotEmpty @Size(max = 3) List<@NotBlank @Size(max = 50) String> eventTypes,

        @Schema(description = "Only threads of this care team (default: all)", examples = "family-medicine")
        @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+") String careTeam,

        @Schema(description = "A note for people", examples = "Chart copies for Example EHR")
        @Size(max = 200) String description,

        @Schema(description = "ACTIVE (default) or PAUSED: a paused subscription queues events but sends none",
                examples = "ACTIVE")
        @Pattern(regexp = "ACTIVE|PAUSED") String status) {
}
