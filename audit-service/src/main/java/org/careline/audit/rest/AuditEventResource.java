package org.careline.audit.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.audit.mapping.AuditRecordMapper;
import org.careline.audit.service.AuditFilters;
import org.careline.audit.service.AuditQueryService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit events")
@SecurityRequirement(name = "SecurityScheme")
public class AuditEventResource {

    private final AuditQueryService service;
    private final AuditRecordMapper mapper;
    private final CurrentCaller caller;

    public AuditEventResource(AuditQueryService service, AuditRecordMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @Authenticated // the auditor role is checked in the service, so that a refused query is audited too
    @Operation(summary = "Search the audit trail",
            description = "Role auditor only. Newest first (by occurredAt), one page at a time: pass nextCursor back as "
                    + "cursor until it is null. Every query, including a refused one, is itself recorded as a QUERY "
                    + "of AuditEvent and appears here shortly after.")
    @APIResponse(responseCode = "200", description = "A page of audit events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one page",
                    value = "{\"items\":[{\"eventId\":\"3f2b8c1e-7d4a-4b9e-a1c2-5d6e7f8a9b0c\",\"sourceService\":\"messaging-service\","
                            + "\"userId\":\"6c1e2a4b-0d3f-4e5a-9b8c-7d6e5f4a3b2c\",\"username\":\"dr.lee\",\"role\":\"clinician\","
                            + "\"clientId\":\"careline-web\",\"sourceAddress\":\"10.0.4.17\",\"action\":\"READ\",\"resourceType\":\"Thread\","
                            + "\"resourceId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\",\"purposeOfUse\":\"TREAT\","
                            + "\"outcome\":\"SUCCESS\",\"requestId\":\"req-abc-123\",\"occurredAt\":\"2026-11-23T10:15:30Z\","
                            + "\"receivedAt\":\"2026-11-23T10:15:30.412Z\"}],"
                            + "\"nextCursor\":\"djF8MjAyNi0xMS0yM1QxMDoxNTozMFp8NDI\"}")))
    @APIResponse(responseCode = "400", description = "An invalid filter, limit or cursor (problem+json)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "unparseable from",
            value = "{\"type\":\"https://careline.dev/problems/bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"from must be an ISO-8601 instant such as 2026-11-23T10:15:30Z.\","
                    + "\"instance\":\"/api/v1/audit/events\",\"requestId\":\"req-abc-123\"}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller is not an auditor (the attempt is audited)")
    public Uni<AuditEventPage> search(
            @Parameter(description = "Only accesses to this patient's data", example = "P-1001")
            @QueryParam("patientId") String patientId,
            @Parameter(description = "Only accesses by this user (subject id)", example = "6c1e2a4b-0d3f-4e5a-9b8c-7d6e5f4a3b2c")
            @QueryParam("userId") String userId,
            @Parameter(description = "Only this action: CREATE, READ, UPDATE, DELETE, QUERY, EXPORT, LOGIN", example = "READ")
            @QueryParam("action") String action,
            @Parameter(description = "Only this outcome: SUCCESS, DENIED, FAILED", example = "DENIED")
            @QueryParam("outcome") String outcome,
            @Parameter(description = "Accesses at or after this instant (ISO-8601)", example = "2026-11-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "Accesses before this instant (ISO-8601)", example = "2026-12-01T00:00:00Z")
            @QueryParam("to") String to,
            @Parameter(description = "Records per page, 1 to 200 (default 50)", example = "50")
            @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Only accesses to this type of resource", example = "Thread")
            @QueryParam("resourceType") String resourceType,
            @Parameter(description = "Only accesses to this resource (its id)", example = "0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f")
            @QueryParam("resourceId") String resourceId) {
        AuditFilters filters = new AuditFilters(patientId, userId, action, outcome, from, to, limit, cursor,
                resourceType, resourceId);
        return service.search(caller.get(), filters)
                .map(page -> page.map(mapper::toResponse).orElseThrow(() -> new ProblemException(403, "forbidden",
                        "Forbidden", "Only auditors may read the audit trail.")));
    }
}
