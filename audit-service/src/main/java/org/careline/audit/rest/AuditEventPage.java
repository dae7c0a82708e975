package org.careline.audit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of audit events, newest first. */
@Schema(name = "AuditEventPage")
public record AuditEventPage(
        List<AuditEventResponse> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {
}
