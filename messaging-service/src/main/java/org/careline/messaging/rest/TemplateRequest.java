package org.careline.messaging.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/templates} and {@code PUT /api/v1/templates/{id}}. */
@Schema(name = "TemplateRequest", description = "A quick-text template of a care team")
public record TemplateRequest(
        @Schema(description = "The owning care team; defaults to the caller's only team (required for an admin)",
                examples = "family-medicine")
        @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+") String careTeam,

        @Schema(description = "A short name, unique in the team", examples = "Refill sent")
        @NotBlank @Size(max = 100) String name,

        @Schema(description = "The text; placeholders {{careTeam}}, {{clinician}}, {{turnaround}}, {{date}}, "
                + "{{nextBusinessDay}} are filled at use time", examples = "Your refill was sent to your pharmacy on {{date}}. {{clinician}}")
        @NotBlank @Size(max = 5_000) String body) {
}
