package org.careline.messaging.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.ThreadMapper;
import org.careline.messaging.service.ThreadService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/threads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Threads")
@SecurityRequirement(name = "SecurityScheme")
public class ThreadResource {

    private static final String NOT_FOUND = "No thread with this id is visible to you.";

    private final ThreadService service;
    private final ThreadMapper mapper;
    private final CurrentCaller caller;

    public ThreadResource(ThreadService service, ThreadMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PATIENT, Roles.CAREGIVER, Roles.CLINICIAN, Roles.STAFF})
    @Operation(summary = "Open a thread with its first message",
            description = "A patient writes to their care team; a care-team member writes to a patient (patientId required).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "patient asks for a refill",
            value = "{\"subject\":\"Inhaler refill\",\"body\":\"Could you refill my albuterol inhaler?\",\"topic\":\"MEDICATION\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names the thread",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created",
                    value = "{\"id\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\",\"careTeam\":\"family-medicine\","
                            + "\"subject\":\"Inhaler refill\",\"topic\":\"MEDICATION\",\"status\":\"AWAITING_CARE_TEAM\","
                            + "\"patientInitiated\":true,\"createdAt\":\"2026-11-23T10:15:30Z\",\"updatedAt\":\"2026-11-23T10:15:30Z\","
                            + "\"messages\":[{\"id\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\",\"authorId\":\"6c1e...\",\"authorRole\":\"PATIENT\","
                            + "\"body\":\"Could you refill my albuterol inhaler?\",\"postedAt\":\"2026-11-23T10:15:30Z\"}]}")))
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "missing subject",
            value = "{\"type\":\"https://careline.dev/problems/validation-failed\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"The request has invalid fields.\",\"instance\":\"/api/v1/threads\","
                    + "\"violations\":[{\"field\":\"subject\",\"message\":\"must not be blank\"}]}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller's role may not open this thread")
    public Uni<RestResponse<ThreadResponse>> open(@Valid @NotNull NewThreadRequest request, UriInfo uri) {
        return service.open(caller.get(), mapper.toCommand(request))
                .map(mapper::toResponse)
                .map(thread -> RestResponse.ResponseBuilder.<ThreadResponse>created(
                        uri.getAbsolutePathBuilder().path(thread.id()).build()).entity(thread).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PATIENT, Roles.CAREGIVER, Roles.CLINICIAN, Roles.STAFF})
    @Operation(summary = "A thread with its messages",
            description = "Visible to the patient and to the owning care team. Someone else's thread answers 404, exactly like a missing one.")
    @APIResponse(responseCode = "200", description = "The thread")
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "not found",
            value = "{\"type\":\"https://careline.dev/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"" + NOT_FOUND + "\",\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\"}")))
    public Uni<ThreadResponse> get(@PathParam("id") String id) {
        UUID threadId = parse(id);
        return service.find(caller.get(), threadId)
                .map(found -> found.map(mapper::toResponse).orElseThrow(() -> ProblemException.notFound(NOT_FOUND)));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(NOT_FOUND);
        }
    }
}
