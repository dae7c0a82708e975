package org.careline.billing.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.careline.billing.rules.EncounterKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The body of {@code POST /api/v1/billing/encounters}. */
@Schema(name = "NewEncounter", description = "A service the EHR reports for a patient")
public record NewEncounterRequest(
        @Schema(description = "The EHR's id of the encounter (unique)", examples = "ehr-enc-20260305-0042")
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:-]*") String externalId,

        @Schema(description = "Whose encounter", examples = "P-1001")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String patientId,

        @Schema(description = "Date of service, in the practice's time zone", examples = "2026-03-05")
        @NotNull LocalDate date,

        @Schema(description = "E/M office or telehealth visit, procedure, or other")
        @NotNull EncounterKind kind,

        @Schema(description = "ICD-10-CM problem codes", examples = "[\"J45.909\"]")
        @Size(max = 12) List<@NotNull @Pattern(regexp = "[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?",
                message = "must be an ICD-10-CM code such as J45.909") String> problemCodes,

        @Schema(description = "Last day of a procedure's surgical global period", examples = "2026-06-03")
        LocalDate globalPeriodEnd) {
}
