package org.careline.billing.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/billing/consents}. */
@Schema(name = "NewConsent", description = "The patient (or their caregiver) agrees to possible e-visit charges "
        + "(cost-sharing applies)")
public record ConsentRequest(
        @Schema(description = "Version of the consent text shown to the patient", examples = "evisit-2026-01")
        @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]*") String textVersion,
        @Schema(description = "The patient consented for: required for a caregiver (who needs a live READ_WRITE "
                + "proxy grant for them); a patient may omit it or give their own", examples = "P-1001")
        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId) {
}
