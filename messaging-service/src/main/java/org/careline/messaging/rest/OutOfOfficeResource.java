package org.careline.messaging.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.OutOfOfficeMapper;
import org.careline.messaging.service.OutOfOfficeService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
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

@Path("/api/v1/out-of-office")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Out of office", description = "A clinician's away periods: messages addressed to them go to a delegate")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.CLINICIAN, Roles.ADMIN})
public class OutOfOfficeResource {

    private static final String NOT_FOUND = "No out-of-office period with this id is visible to you.";
    private static final String EXAMPLE = "{\"id\":\"3f9a2c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b\",\"clinician\":\"dr.lee\","
            + "\"delegate\":\"np.kim\",\"from\":\"2026-12-24T17:00:00\",\"until\":\"2027-01-04T08:00:00\","
            + "\"timeZone\":\"America/Chicago\",\"startsAt\":\"2026-12-24T23:00:00Z\",\"endsAt\":\"2027-01-04T14:00:00Z\"}";

    private final OutOfOfficeService service;
    private final OutOfOfficeMapper mapper;
    private final CurrentCaller caller;

    public OutOfOfficeResource(OutOfOfficeService service, OutOfOfficeMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an away period and a delegate",
            description = "from and until are local date-times in timeZone (daylight saving applies). A clinician sets "
                    + "their own; an admin names clinician. Overlapping periods of one clinician are a 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "holidays",
            value = "{\"delegate\":\"np.kim\",\"from\":\"2026-12-24T17:00:00\",\"until\":\"2027-01-04T08:00:00\","
                    + "\"timeZone\":\"America/Chicago\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names the period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid period, zone or delegate (problem+json)")
    @APIResponse(responseCode = "403", description = "Not a clinician, or another clinician's period")
    @APIResponse(responseCode = "409", description = "Overlaps another period of the clinician")
    public Uni<RestResponse<OutOfOfficeResponse>> create(@Valid @NotNull OutOfOfficeRequest request, UriInfo uri) {
        return service.create(caller.get(), mapper.toCommand(request)).map(mapper::toResponse)
                .map(p -> RestResponse.ResponseBuilder.<OutOfOfficeResponse>created(
                        uri.getAbsolutePathBuilder().path(p.id()).build()).entity(p).build());
    }

    @GET
    @Operation(summary = "Current and upcoming away periods of the caller (an admin: of clinician)")
    @APIResponse(responseCode = "200", description = "Soonest first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one period", value = "{\"items\":[" + EXAMPLE + "]}")))
    public Uni<OutOfOfficeListResponse> list(
            @Parameter(description = "Whose periods (admin only)") @QueryParam("clinician")
            @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._@-]+") String clinician) {
        return service.current(caller.get(), clinician)
                .map(list -> new OutOfOfficeListResponse(list.stream().map(mapper::toResponse).toList()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel an away period")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No such period visible to the caller")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        UUID periodId;
        try {
            periodId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(NOT_FOUND);
        }
        return service.delete(caller.get(), periodId).map(ignored -> RestResponse.noContent());
    }
}
