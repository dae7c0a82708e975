package org.careline.audit.rest;

import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One stored access to patient data: who, what, on what, whose, when, from where, why, and how it ended. */
@Schema(name = "AuditEvent", description = "One recorded access to patient data (identifiers only)")
public record AuditEventResponse(
        @Schema(description = "The id of the event that reported the access; unique", examples = "3f2b8c1e-7d4a-4b9e-a1c2-5d6e7f8a9b0c")
        String eventId,
        @Schema(description = "The service that observed the access", examples = "messaging-service")
        String sourceService,
        @Schema(description = "Who: the identity provider's subject id", examples = "6c1e2a4b-0d3f-4e5a-9b8c-7d6e5f4a3b2c")
        String userId,
        @Schema(description = "Who, readable", examples = "dr.lee")
        String username,
        @Schema(description = "The role they acted in", examples = "clinician")
        String role,
        @Schema(description = "The OAuth client they came through", examples = "careline-web")
        String clientId,
        @Schema(description = "The network address the request came from", examples = "10.0.4.17")
        String sourceAddress,
        AuditAction action,
        @Schema(description = "The kind of resource", examples = "Thread")
        String resourceType,
        @Schema(description = "The resource's id, when there is one", examples = "0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f")
        String resourceId,
        @Schema(description = "Whose data; null when no patient is involved", examples = "P-1001")
        String patientId,
        @Schema(description = "HL7 purpose of use", examples = "TREAT")
        String purposeOfUse,
        AuditOutcome outcome,
        @Schema(description = "Correlates with the request logs of the source service", examples = "req-abc-123")
        String requestId,
        @Schema(description = "When the access happened, at the source")
        Instant occurredAt,
        @Schema(description = "When this store accepted the record")
        Instant receivedAt) {
}
