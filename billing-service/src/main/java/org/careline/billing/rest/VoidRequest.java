package org.careline.billing.rest;

import jakarta.validation.constraints.NotNull;
import org.careline.billing.VoidReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/billing/charges/{id}/void}: a coded reason, never free text. */
@Schema(name = "VoidCharge")
public record VoidRequest(@Schema(description = "Why the charge is withdrawn") @NotNull VoidReason reason) {
}
