package org.careline.messaging.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of the directory's {@code PUT}s: whether a team or clinician accepts messages. */
@Schema(name = "DirectoryEntryRequest", description = "Whether a care team or clinician accepts secure messages")
public record DirectoryEntryRequest(
        @Schema(description = "Name shown to patients (no patient data)", examples = "Dr. Lee")
        @Size(max = 200) String displayName,

        @Schema(description = "Clinicians only: credential shown to patients", examples = "MD")
        @Size(max = 32) @Pattern(regexp = "[A-Za-z.]+") String credential,

        @Schema(description = "Whether patients may message it now", examples = "true")
        @NotNull Boolean acceptsMessages,

        @Schema(description = "Expected answer time in hours (1-720); absent: the practice's default", examples = "48")
        @Min(1) @Max(720) Integer turnaroundHours) {
}
