package org.careline.messaging.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.careline.messaging.ProxyScope;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The body of {@code POST /api/v1/proxy-grants} and {@code PUT /api/v1/proxy-grants/{id}}. */
@Schema(name = "ProxyGrantRequest", description = "A caregiver's access to a patient's threads")
public record ProxyGrantRequest(
        @Schema(description = "The caregiver's username", examples = "caregiver1")
        @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+") String caregiver,

        @Schema(description = "The patient", examples = "P-1001")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId,

        @Schema(description = "READ, or READ_WRITE to open threads and reply", examples = "READ_WRITE")
        @NotNull ProxyScope scope,

        @Schema(description = "When the grant ends; must be in the future", examples = "2027-11-23T00:00:00Z")
        @NotNull Instant expiresAt) {
}
