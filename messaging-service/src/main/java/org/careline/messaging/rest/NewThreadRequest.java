package org.careline.messaging.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.careline.events.MessageTopic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/threads}. */
@Schema(name = "NewThread", description = "A new thread with its first message")
public record NewThreadRequest(
        @Schema(description = "What the thread is about", examples = "Inhaler refill")
        @NotBlank @Size(max = 200) String subject,

        @Schema(description = "The first message, plain text", examples = "Could you refill my albuterol inhaler?")
        @NotBlank @Size(max = 10_000) String body,

        @Schema(description = "The reason the patient picked")
        @NotNull MessageTopic topic,

        @Schema(description = "The patient the thread is about; required when a care-team member writes",
                examples = "P-1001")
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId,

        @Schema(description = "The care team to address; defaults to the patient's own", examples = "family-medicine")
        @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+") String careTeam,

        @Schema(description = "The username of a clinician to address the thread to (their out-of-office delegate receives it while they are away); omit for the whole care team",
                examples = "dr.lee")
        @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+") String clinician) {
}
