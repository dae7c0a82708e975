package org.careline.messaging.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDateTime;

/** The body of {@code POST /api/v1/out-of-office}: an away period in the clinician's local time. */
@Schema(name = "OutOfOfficeRequest", description = "An away period, in local time of the given zone, and a delegate")
public record OutOfOfficeRequest(
        @Schema(description = "The username whose period it is (admin only); defaults to the caller", examples = "dr.lee")
        @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+") String clinician,

        @Schema(description = "The username of the clinician who handles messages meanwhile", examples = "np.kim")
        @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+") String delegate,

        @Schema(description = "Local start, in timeZone", examples = "2026-12-24T17:00:00")
        @NotNull LocalDateTime from,

        @Schema(description = "Local end (exclusive), in timeZone", examples = "2027-01-04T08:00:00")
        @NotNull LocalDateTime until,

        @Schema(description = "IANA time zone of from and until", examples = "America/Chicago")
        @NotBlank @Size(max = 64) String timeZone) {
}
