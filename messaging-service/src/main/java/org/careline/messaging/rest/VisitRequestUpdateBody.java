package org.careline.messaging.rest;

import jakarta.validation.constraints.NotNull;
import org.careline.events.VisitCancelReason;
import org.careline.events.VisitRequestStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The body of {@code PATCH /api/v1/threads/{id}/visit-request}. */
@Schema(name = "VisitRequestUpdateBody", description = "Record a visit request's outcome")
public record VisitRequestUpdateBody(
        @Schema(description = "SCHEDULED, COMPLETED or CANCELLED", examples = "SCHEDULED")
        @NotNull VisitRequestStatus status,

        @Schema(description = "The booked time, only with SCHEDULED (optional)", examples = "2026-11-25T14:30:00Z")
        Instant appointmentAt,

        @Schema(description = "Why, as a code: required with CANCELLED and only then", examples = "PATIENT_DECLINED")
        VisitCancelReason cancelReason) {
}
