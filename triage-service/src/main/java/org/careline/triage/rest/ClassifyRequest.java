package org.careline.triage.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.careline.events.MessageTopic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message to classify without side effects: nothing is stored, logged or announced. */
@Schema(description = "A message to classify (preview or evaluation); nothing is stored")
public record ClassifyRequest(
        @Size(max = 500) @Schema(example = "refill") String subject,
        @NotBlank @Size(max = 20000) @Schema(example = "out of my lantus since last night, pharmacy needs a new rx")
        String body,
        @Schema(description = "The topic the patient picked: a hint, not the answer", example = "MEDICATION")
        MessageTopic topic) {
}
