package org.careline.messaging.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.careline.events.VisitReason;
import org.careline.events.VisitType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/threads/{id}/visit-request}. */
@Schema(name = "VisitRequestBody", description = "Turn the thread into a visit request")
public record VisitRequestBody(
        @Schema(description = "How the visit takes place", examples = "IN_PERSON")
        @NotNull VisitType visitType,

        @Schema(description = "Why messaging is not the right mode, as a code", examples = "NEEDS_EXAMINATION")
        @NotNull VisitReason reason,

        @Schema(description = "Optional note to the patient, added under the templated reply; stays in the thread, "
                + "never in an event", examples = "Please bring your home blood pressure log.")
        @Size(max = 2000) String note) {
}
