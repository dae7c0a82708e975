package org.careline.messaging.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.VisitRequestMapper;
import org.careline.messaging.service.VisitRequestService;
import org.careline.messaging.service.VisitRequestUpdateService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** Message to visit: a care-team member turns a thread into a visit request. Rules and audit in the service. */
@Path("/api/v1/threads/{id}/visit-request")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Threads")
@SecurityRequirement(name = "SecurityScheme")
@Authenticated
public class VisitRequestResource {

    static final String EXAMPLE = "{\"id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\","
            + "\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\","
            + "\"careTeam\":\"family-medicine\",\"visitType\":\"IN_PERSON\",\"reason\":\"NEEDS_EXAMINATION\","
            + "\"note\":\"Please bring your home blood pressure log.\",\"source\":\"CARE_TEAM\","
            + "\"requestedBy\":\"6c1e0a52-...\",\"status\":\"OPEN\","
            + "\"replyMessageId\":\"1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a\",\"requestedAt\":\"2026-11-23T15:04:00Z\"}";
    private static final String EXISTS = "{\"type\":\"https://careline.dev/problems/visit-request-exists\","
            + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"This thread already has an open visit request "
            + "(9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d).\","
            + "\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f/visit-request\"}";

    private static final String SCHEDULED = "{\"id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\","
            + "\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\","
            + "\"careTeam\":\"family-medicine\",\"visitType\":\"IN_PERSON\",\"reason\":\"NEEDS_EXAMINATION\","
            + "\"note\":null,\"source\":\"TRIAGE_RULE\",\"requestedBy\":null,\"status\":\"SCHEDULED\","
            + "\"replyMessageId\":\"1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a\",\"requestedAt\":\"2026-11-23T15:04:00Z\","
            + "\"appointmentAt\":\"2026-11-25T14:30:00Z\",\"cancelReason\":null,\"updatedAt\":\"2026-11-23T16:00:00Z\"}";
    private static final String TRANSITION = "{\"type\":\"https://careline.dev/problems/visit-request-transition\","
            + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"A visit request that is CANCELLED cannot become "
            + "SCHEDULED.\",\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f/visit-request\"}";

    private final VisitRequestService service;
    private final VisitRequestUpdateService updates;
    private final VisitRequestMapper mapper;
    private final CurrentCaller caller;

    public VisitRequestResource(VisitRequestService service, VisitRequestUpdateService updates,
                                VisitRequestMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.updates = updates;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn the thread into a visit request",
            description = "Care team of the thread (or the clinician it is addressed to) only. Posts a templated reply "
                    + "with the next steps to the patient (the optional note below it), and announces "
                    + "careline.messaging.visit-requested.v1 (no text) for the EHR's scheduling and billing. "
                    + "One open request per thread.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "needs an examination",
            value = "{\"visitType\":\"IN_PERSON\",\"reason\":\"NEEDS_EXAMINATION\","
                    + "\"note\":\"Please bring your home blood pressure log.\"}")))
    @APIResponse(responseCode = "201", description = "Requested; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "requested",
                    value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Missing or unknown visitType or reason, note too long",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "invalid",
                    value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "403", description = "Not the thread's care team (e.g. the patient)",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "forbidden",
                    value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "not found",
                    value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The thread is closed or already has an open visit request",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "exists",
                    value = EXISTS)))
    public Uni<RestResponse<VisitRequestResponse>> request(@PathParam("id") String id,
                                                           @Valid @NotNull VisitRequestBody body, UriInfo uri) {
        return service.request(caller.get(), threadId(id), mapper.toCommand(body)).map(mapper::toResponse)
                .map(r -> RestResponse.ResponseBuilder.<VisitRequestResponse>created(uri.getAbsolutePath())
                        .entity(r).build());
    }

    @GET
    @Operation(summary = "The thread's latest visit request", description = "Whoever may read the thread.")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "open",
                    value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller, or no visit request",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "not found",
                    value = ApiExamples.NOT_FOUND)))
    public Uni<VisitRequestResponse> find(@PathParam("id") String id) {
        return service.find(caller.get(), threadId(id)).map(mapper::toResponse);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the visit request's outcome",
            description = "The thread's care team, or an EHR integration client (realm role integration) connected "
                    + "to that team by one of its webhook subscriptions (one without a careTeam covers every team; "
                    + "another team's thread answers 404). OPEN becomes "
                    + "SCHEDULED (optional appointmentAt), COMPLETED or CANCELLED (coded cancelReason); SCHEDULED may be "
                    + "rebooked, completed or cancelled; COMPLETED and CANCELLED are final (409). Announces "
                    + "careline.messaging.visit-request-updated.v1 (codes only); billing keeps the thread's time rolled "
                    + "into the visit. Audited, refusals included.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "scheduled", value = "{\"status\":\"SCHEDULED\","
                    + "\"appointmentAt\":\"2026-11-25T14:30:00Z\"}"),
            @ExampleObject(name = "completed", value = "{\"status\":\"COMPLETED\"}"),
            @ExampleObject(name = "cancelled", value = "{\"status\":\"CANCELLED\",\"cancelReason\":\"PATIENT_DECLINED\"}")}))
    @APIResponse(responseCode = "200", description = "The updated request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "scheduled",
                    value = SCHEDULED)))
    @APIResponse(responseCode = "400", description = "No or unknown status, OPEN, a cancel reason missing or misplaced, "
            + "appointmentAt without SCHEDULED", content = @Content(mediaType = ApiExamples.PROBLEM,
            examples = @ExampleObject(name = "invalid", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "403", description = "Neither the EHR integration nor the thread's care team",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "forbidden",
                    value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller, or no visit request",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "not found",
                    value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The move is not allowed (e.g. the request is already final)",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "illegal transition",
                    value = TRANSITION)))
    public Uni<VisitRequestResponse> update(@PathParam("id") String id, @Valid @NotNull VisitRequestUpdateBody body) {
        return updates.update(caller.get(), threadId(id), mapper.toChange(body)).map(mapper::toResponse);
    }

    private static UUID threadId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No thread with this id is visible to you.");
        }
    }
}
