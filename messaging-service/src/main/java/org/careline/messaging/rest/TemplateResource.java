package org.careline.messaging.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.careline.messaging.mapping.TemplateMapper;
import org.careline.messaging.service.TemplateService;
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

@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates", description = "Quick-text templates of care teams, with placeholders filled at use time")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.CLINICIAN, Roles.STAFF, Roles.ADMIN})
public class TemplateResource {

    private static final String NOT_FOUND = "No template with this id is visible to you.";
    private static final String EXAMPLE = "{\"id\":\"7d3c1f0e-2b4a-4c6d-8e9f-0a1b2c3d4e5f\",\"careTeam\":\"family-medicine\","
            + "\"name\":\"Refill sent\",\"body\":\"Your refill was sent to your pharmacy on {{date}}. {{clinician}}\","
            + "\"createdBy\":\"6c1e...\",\"createdAt\":\"2026-11-23T10:15:30Z\",\"updatedAt\":\"2026-11-23T10:15:30Z\"}";
    private static final String PROBLEM = "application/problem+json";

    private final TemplateService service;
    private final TemplateMapper mapper;
    private final CurrentCaller caller;

    public TemplateResource(TemplateService service, TemplateMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a template", description = "For one of the caller's care teams (an admin names any team). "
            + "Placeholders: {{careTeam}}, {{clinician}}, {{turnaround}}, {{date}}, {{nextBusinessDay}}; any other is a 400.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "refill sent",
            value = "{\"name\":\"Refill sent\",\"body\":\"Your refill was sent to your pharmacy on {{date}}. {{clinician}}\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names the template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid body or unknown placeholder", content = @Content(
            mediaType = PROBLEM, examples = @ExampleObject(name = "unknown placeholder",
            value = "{\"type\":\"https://careline.dev/problems/unknown-placeholder\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"Unknown placeholders: patientFirstName. Known: careTeam, clinician, date, nextBusinessDay, turnaround.\","
                    + "\"instance\":\"/api/v1/templates\"}")))
    @APIResponse(responseCode = "403", description = "Not a care team of the caller")
    @APIResponse(responseCode = "409", description = "The team already has a template with this name")
    public Uni<RestResponse<TemplateResponse>> create(@Valid @NotNull TemplateRequest request, UriInfo uri) {
        return service.create(caller.get(), mapper.toCommand(request)).map(mapper::toResponse)
                .map(t -> RestResponse.ResponseBuilder.<TemplateResponse>created(
                        uri.getAbsolutePathBuilder().path(t.id()).build()).entity(t).build());
    }

    @GET
    @Operation(summary = "The templates of the caller's care teams",
            description = "By name, cursor-paginated: pass the returned nextCursor as cursor for the next page. An admin sees every team's.")
    @APIResponse(responseCode = "200", description = "A page of templates", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one page",
            value = "{\"items\":[" + EXAMPLE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit")
    public Uni<TemplatePageResponse> list(
            @Parameter(description = "Only this care team's templates", example = "family-medicine")
            @QueryParam("careTeam") @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+") String careTeam,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") @Size(max = 400) String cursor,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") @Min(1) @Max(200) Integer limit) {
        return service.list(caller.get(), careTeam, cursor, limit).map(mapper::toResponse);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One template")
    @APIResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "template", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such template visible to the caller")
    public Uni<TemplateResponse> get(@PathParam("id") String id) {
        return service.find(caller.get(), parse(id)).map(mapper::toResponse);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a template's name and text", description = "The care team cannot change.")
    @APIResponse(responseCode = "200", description = "The updated template")
    @APIResponse(responseCode = "400", description = "Invalid body or unknown placeholder")
    @APIResponse(responseCode = "404", description = "No such template visible to the caller")
    @APIResponse(responseCode = "409", description = "The team already has a template with this name")
    public Uni<TemplateResponse> update(@PathParam("id") String id, @Valid @NotNull TemplateRequest request) {
        return service.update(caller.get(), parse(id), mapper.toCommand(request)).map(mapper::toResponse);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a template")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such template visible to the caller")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(caller.get(), parse(id)).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("{id}/render")
    @Operation(summary = "The template's text with its placeholders filled for the caller now",
            description = "Send the result as a reply (or reference the template id from the reply).")
    @APIResponse(responseCode = "200", description = "The filled text", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rendered",
            value = "{\"templateId\":\"7d3c1f0e-2b4a-4c6d-8e9f-0a1b2c3d4e5f\","
                    + "\"body\":\"Your refill was sent to your pharmacy on November 23, 2026. dr.lee, MD\"}")))
    @APIResponse(responseCode = "404", description = "No such template visible to the caller")
    public Uni<RenderedTemplate> render(@PathParam("id") String id) {
        UUID templateId = parse(id);
        return service.render(caller.get(), templateId).map(body -> new RenderedTemplate(templateId.toString(), body));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(NOT_FOUND);
        }
    }
}
