package org.careline.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.mapping.BreakGlassMapper;
import org.careline.audit.service.BreakGlassService;
import org.careline.platform.audit.AuditedResource;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/audit/break-glass")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Break-the-glass")
@SecurityRequirement(name = "SecurityScheme")
@AuditedResource("BreakGlassGrant")
public class BreakGlassResource {

    private static final String GRANT_EXAMPLE = "{\"grantId\":\"9d1f4a7e-2c3b-4e5f-8a9b-0c1d2e3f4a5b\","
            + "\"userId\":\"7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d\",\"username\":\"dr.shah\",\"patientId\":\"P-1001\","
            + "\"reason\":\"Covering the emergency department; patient unresponsive on arrival.\","
            + "\"grantedAt\":\"2026-11-23T10:15:30Z\",\"expiresAt\":\"2026-11-23T11:15:30Z\",\"reviewedAt\":null,"
            + "\"reviewedBy\":null,\"reviewOutcome\":null}";

    private final BreakGlassService service;
    private final BreakGlassMapper mapper;
    private final CurrentCaller caller;
    private final AuditConfig config;

    public BreakGlassResource(BreakGlassService service, BreakGlassMapper mapper, CurrentCaller caller,
                              AuditConfig config) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLINICIAN) // refusals are audited as DENIED by careline-platform
    @Operation(summary = "Request emergency (break-the-glass) access to a patient's data",
            description = "Role clinician. For a clinician outside the patient's care team in an emergency: access is "
                    + "granted at once for careline.audit.break-glass.duration (1 hour by default), announced to the "
                    + "services holding the data (careline.audit.break-glass-granted.v1, without the reason), audited "
                    + "with purpose ETREAT and flagged for an auditor's review. The reason stays in audit-service.")
    @APIResponse(responseCode = "201", description = "Granted; Location is the grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "granted", value = GRANT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "patientId or reason missing or too long (problem+json)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "no reason",
                    value = "{\"type\":\"https://careline.dev/problems/bad-request\",\"title\":\"Bad Request\","
                            + "\"status\":400,\"detail\":\"reason is required, at most 1000 characters.\","
                            + "\"instance\":\"/api/v1/audit/break-glass\",\"requestId\":\"req-abc-123\"}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (audited)")
    @APIResponse(responseCode = "403", description = "Not a clinician (audited as DENIED)")
    public Uni<Response> request(BreakGlassRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("The body must be a JSON object with patientId and reason.");
        }
        return service.request(caller.get(), request.patientId(), request.reason())
                .map(grant -> Response.created(uri.getAbsolutePathBuilder().path(grant.id.toString()).build())
                        .entity(mapper.toResponse(grant)).build());
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "List break-the-glass grants for review",
            description = "Role auditor. Newest first; reviewed=false lists those awaiting review. Audited.")
    @APIResponse(responseCode = "200", description = "A page of grants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "awaiting review",
            value = "{\"items\":[" + GRANT_EXAMPLE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor (problem+json)")
    @APIResponse(responseCode = "403", description = "Not an auditor (audited as DENIED)")
    public Uni<Page<BreakGlassGrantResponse>> list(
            @Parameter(description = "true: reviewed only; false: awaiting review only; absent: all", example = "false")
            @QueryParam("reviewed") String reviewed,
            @Parameter(description = "Grants per page, 1 to 200 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return service.list(caller.get(), bool(reviewed), limit(limit), cursor).map(mapper::toResponse);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.CLINICIAN})
    @Operation(summary = "One grant", description = "For auditors and for the clinician it was granted to. Audited.")
    @APIResponse(responseCode = "200", description = "The grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a grant", value = GRANT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such grant, or not yours (problem+json)")
    public Uni<BreakGlassGrantResponse> get(@PathParam("id") String id) {
        return service.get(caller.get(), uuid(id)).map(mapper::toResponse);
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Mark a grant reviewed", description = "Role auditor, once per grant. Audited as UPDATE.")
    @APIResponse(responseCode = "200", description = "The reviewed grant")
    @APIResponse(responseCode = "400", description = "outcome is not APPROPRIATE or INAPPROPRIATE (problem+json)")
    @APIResponse(responseCode = "404", description = "No such grant (problem+json)")
    @APIResponse(responseCode = "409", description = "Reviewed already (problem+json)")
    public Uni<BreakGlassGrantResponse> review(@PathParam("id") String id, BreakGlassReview review) {
        return service.review(caller.get(), uuid(id), review != null ? review.outcome() : null)
                .map(mapper::toResponse);
    }

    private int limit(String text) {
        if (text == null || text.isBlank()) {
            return config.defaultPageSize();
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= config.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + config.maxPageSize() + ".");
    }

    private static Boolean bool(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("reviewed must be true or false.");
        };
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No break-the-glass grant with this id.");
        }
    }
}
