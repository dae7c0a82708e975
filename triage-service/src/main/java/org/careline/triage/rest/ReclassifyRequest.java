package org.careline.triage.rest;

import jakarta.validation.constraints.NotNull;
import org.careline.events.Category;
import org.careline.events.Urgency;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A clinician's correction of the thread's latest decision. */
public record ReclassifyRequest(@NotNull @Schema(example = "URGENT") Urgency urgency,
                                @NotNull @Schema(example = "CLINICAL") Category category) {
}
