package org.careline.messaging.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.ProxyGrantMapper;
import org.careline.messaging.service.ProxyGrantService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/**
 * Caregivers' proxy grants: staff and administrators manage them; a caregiver reads their own. Every
 * access is audited, refusals included.
 */
@Path("/api/v1/proxy-grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proxy grants")
@SecurityRequirement(name = "SecurityScheme")
@Authenticated
public class ProxyGrantResource {

    private static final String PAGE_SIZE = "[1-9]|[1-9][0-9]|1[0-9][0-9]|200";
    private static final String NOT_FOUND = "No proxy grant with this id is visible to you.";

    private final ProxyGrantService service;
    private final ProxyGrantMapper mapper;
    private final CurrentCaller caller;

    public ProxyGrantResource(ProxyGrantService service, ProxyGrantMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a caregiver access to a patient's threads", description = "Staff and administrators only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "read-write for a year",
            value = "{\"caregiver\":\"caregiver1\",\"patientId\":\"P-1001\",\"scope\":\"READ_WRITE\",\"expiresAt\":\"2027-11-23T00:00:00Z\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names the grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant", value = ApiExamples.GRANT)))
    @APIResponse(responseCode = "400", description = "Invalid body or an expiry in the past (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not staff or administrator (audited)")
    public Uni<RestResponse<ProxyGrantResponse>> create(@Valid @NotNull ProxyGrantRequest request, UriInfo uri) {
        return service.create(caller.get(), mapper.toCommand(request)).map(mapper::toResponse)
                .map(grant -> RestResponse.ResponseBuilder.<ProxyGrantResponse>created(
                        uri.getAbsolutePathBuilder().path(grant.id()).build()).entity(grant).build());
    }

    @GET
    @Operation(summary = "Proxy grants, newest first",
            description = "Staff and administrators filter by patient and caregiver; a caregiver sees only their own.")
    @APIResponse(responseCode = "200", description = "A page of grants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page",
            value = "{\"items\":[" + ApiExamples.GRANT + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Invalid parameters (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Neither staff, administrator nor the caregiver asked about (audited)")
    public Uni<ProxyGrantPageResponse> list(
            @Parameter(description = "Only grants for this patient", example = "P-1001")
            @QueryParam("patientId") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId,
            @Parameter(description = "Only grants of this caregiver (username)", example = "caregiver1")
            @QueryParam("caregiver") @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+") String caregiver,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50")
            @QueryParam("limit") @Pattern(regexp = PAGE_SIZE, message = "must be a whole number from 1 to 200") String limit) {
        return service.list(caller.get(), patientId, caregiver, cursor, limit == null ? null : Integer.valueOf(limit))
                .map(mapper::toResponse);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One proxy grant")
    @APIResponse(responseCode = "200", description = "The grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant", value = ApiExamples.GRANT)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "No such grant visible to the caller (problem+json)")
    public Uni<ProxyGrantResponse> get(@PathParam("id") String id) {
        return service.find(caller.get(), parse(id)).map(mapper::toResponse);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a grant's scope or expiry", description = "Staff and administrators only; "
            + "caregiver and patientId must stay the same.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "read only",
            value = "{\"caregiver\":\"caregiver1\",\"patientId\":\"P-1001\",\"scope\":\"READ\",\"expiresAt\":\"2027-06-01T00:00:00Z\"}")))
    @APIResponse(responseCode = "200", description = "The changed grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant", value = ApiExamples.GRANT)))
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json)")
    @APIResponse(responseCode = "403", description = "Not staff or administrator (audited)")
    @APIResponse(responseCode = "404", description = "No such grant (problem+json)")
    @APIResponse(responseCode = "409", description = "The grant is revoked")
    public Uni<ProxyGrantResponse> update(@PathParam("id") String id, @Valid @NotNull ProxyGrantRequest request) {
        return service.update(caller.get(), parse(id), mapper.toCommand(request)).map(mapper::toResponse);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a grant at once", description = "Staff and administrators only. The grant stays on record, revoked.")
    @APIResponse(responseCode = "200", description = "The revoked grant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant", value = ApiExamples.GRANT)))
    @APIResponse(responseCode = "403", description = "Not staff or administrator (audited)")
    @APIResponse(responseCode = "404", description = "No such grant (problem+json)")
    public Uni<ProxyGrantResponse> revoke(@PathParam("id") String id) {
        return service.revoke(caller.get(), parse(id)).map(mapper::toResponse);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(NOT_FOUND);
        }
    }
}
