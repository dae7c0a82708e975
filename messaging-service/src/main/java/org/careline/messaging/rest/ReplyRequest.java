package org.careline.messaging.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/threads/{id}/messages}. */
@Schema(name = "Reply", description = "A reply in a thread")
public record ReplyRequest(
        @Schema(description = "The message, plain text", examples = "Your refill was sent to your pharmacy.")
        @NotBlank @Size(max = 10_000) String body,

        @Schema(description = "Care team only: minutes spent on this reply, logged for e-visit billing", examples = "8")
        @Min(1) @Max(1440) Integer timeSpentMinutes,

        @Schema(description = "Care team only: true when the clinician evaluated the patient's problem", examples = "true")
        Boolean clinicalAssessment,

        @Schema(description = "Clinicians only: address the thread to me from now on ('reply directly to me')",
                examples = "false")
        Boolean replyDirectlyToMe) {
}
