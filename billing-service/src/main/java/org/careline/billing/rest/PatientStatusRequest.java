package org.careline.billing.rest;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v1/billing/patients/{patientId}/status}. */
@Schema(name = "PatientStatus", description = "Whether the EHR counts the patient as established")
public record PatientStatusRequest(
        @Schema(description = "Seen by the group within the last 3 years", examples = "true")
        @NotNull Boolean established) {
}
