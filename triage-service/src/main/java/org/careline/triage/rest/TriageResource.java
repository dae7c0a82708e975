package org.careline.triage.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.careline.triage.mapping.TriageMapper;
import org.careline.triage.service.TriageRecordService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/triage/threads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Triage")
@SecurityRequirement(name = "SecurityScheme")
public class TriageResource {

    private static final String NOT_FOUND = "No triage record for this thread is visible to you.";

    private final TriageRecordService service;
    private final TriageMapper mapper;
    private final CurrentCaller caller;

    public TriageResource(TriageRecordService service, TriageMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @Path("{threadId}")
    @RolesAllowed({Roles.CLINICIAN, Roles.STAFF})
    @Operation(summary = "A thread's triage decisions and queue item",
            description = "Visible to members of the thread's care team. Another team's thread answers 404, exactly "
                    + "like an unknown one. Holds no message text.")
    @APIResponse(responseCode = "200", description = "The triage record", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "refill request",
            value = "{\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\","
                    + "\"careTeam\":\"family-medicine\",\"queueItem\":{\"id\":\"9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d\","
                    + "\"queue\":\"refill-pool\",\"urgency\":\"ROUTINE\",\"priority\":3,\"dueAt\":\"2026-11-25T10:15:30Z\","
                    + "\"status\":\"OPEN\",\"lastMessageId\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\","
                    + "\"createdAt\":\"2026-11-23T10:15:31Z\",\"updatedAt\":\"2026-11-23T10:15:31Z\"},"
                    + "\"decisions\":[{\"messageId\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\",\"urgency\":\"ROUTINE\","
                    + "\"category\":\"MEDICATION\",\"confidence\":0.75,\"explanation\":\"no red flag -> ROUTINE; "
                    + "category MEDICATION from keywords refill*, inhaler and patient topic MEDICATION\","
                    + "\"rulesVersion\":\"careline-triage-rules-4.4+careline-triage-model-2.5\",\"decidedAt\":\"2026-11-23T10:15:31Z\"}]}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller is not a clinician or staff member")
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "not found",
            value = "{\"type\":\"https://careline.dev/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"" + NOT_FOUND + "\","
                    + "\"instance\":\"/api/v1/triage/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\"}")))
    public Uni<TriageRecordResponse> get(@PathParam("threadId") String threadId) {
        UUID id = parse(threadId);
        return service.find(caller.get(), id)
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
