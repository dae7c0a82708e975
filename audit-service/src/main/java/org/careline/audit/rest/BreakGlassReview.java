package org.careline.audit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An auditor's review of a grant: {@code APPROPRIATE} or {@code INAPPROPRIATE}. */
@Schema(example = "{\"outcome\":\"APPROPRIATE\"}")
public record BreakGlassReview(String outcome) {
}
