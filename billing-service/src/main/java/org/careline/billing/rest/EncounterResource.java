package org.careline.billing.rest;

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
import org.careline.billing.mapping.BillingMapper;
import org.careline.billing.service.EhrService;
import org.careline.billing.service.NewEncounter;
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

@Path("/api/v1/billing/encounters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "EHR inputs")
@SecurityRequirement(name = "SecurityScheme")
public class EncounterResource {

    private static final String NOT_FOUND = "No encounter with this id.";

    private final EhrService service;
    private final BillingMapper mapper;
    private final CurrentCaller caller;

    public EncounterResource(EhrService service, BillingMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "Report an encounter from the EHR",
            description = "An E/M visit or a procedure with its global period. Re-evaluates the patient's decided, "
                    + "unsubmitted e-visit episodes: an E/M visit within 7 days voids a ready charge.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "office visit", value = "{\"externalId\":\"ehr-enc-20260305-0042\",\"patientId\":\"P-1001\","
                    + "\"date\":\"2026-03-05\",\"kind\":\"EM_OFFICE_VISIT\",\"problemCodes\":[\"J45.909\"]}"),
            @ExampleObject(name = "procedure with 90-day global period", value = "{\"externalId\":\"ehr-proc-77\","
                    + "\"patientId\":\"P-1001\",\"date\":\"2026-02-10\",\"kind\":\"PROCEDURE\",\"problemCodes\":[\"K40.90\"],"
                    + "\"globalPeriodEnd\":\"2026-05-11\"}")}))
    @APIResponse(responseCode = "201", description = "Recorded; Location names it", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "recorded",
            value = "{\"id\":\"7d1f0c2e-1b2a-4c3d-8e9f-0a1b2c3d4e5f\",\"externalId\":\"ehr-enc-20260305-0042\","
                    + "\"patientId\":\"P-1001\",\"date\":\"2026-03-05\",\"kind\":\"EM_OFFICE_VISIT\","
                    + "\"problemCodes\":[\"J45.909\"],\"globalPeriodEnd\":null,\"recordedAt\":\"2026-03-10T14:00:00Z\","
                    + "\"reevaluated\":1}")))
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "bad problem code",
            value = "{\"type\":\"https://careline.dev/problems/validation-failed\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"The request has invalid fields.\",\"instance\":\"/api/v1/billing/encounters\","
                    + "\"violations\":[{\"field\":\"problemCodes[0]\",\"message\":\"must be an ICD-10-CM code such as J45.909\"}]}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not billing or the EHR integration")
    @APIResponse(responseCode = "409", description = "This externalId is already recorded (problem+json)")
    public Uni<RestResponse<EncounterResponse>> record(@Valid @NotNull NewEncounterRequest request, UriInfo uri) {
        NewEncounter command = new NewEncounter(request.externalId(), request.patientId(), request.date(),
                request.kind(), request.problemCodes(), request.globalPeriodEnd());
        return service.recordEncounter(caller.get(), command)
                .map(recorded -> mapper.toResponse(recorded.value(), recorded.reevaluated()))
                .map(e -> RestResponse.ResponseBuilder.<EncounterResponse>created(
                        uri.getAbsolutePathBuilder().path(e.id()).build()).entity(e).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "A recorded encounter")
    @APIResponse(responseCode = "200", description = "The encounter")
    @APIResponse(responseCode = "404", description = "No such encounter (problem+json)")
    public Uni<EncounterResponse> get(@PathParam("id") String id) {
        UUID encounterId = Ids.parse(id, NOT_FOUND);
        return service.findEncounter(caller.get(), encounterId)
                .map(found -> found.map(e -> mapper.toResponse(e, 0))
                        .orElseThrow(() -> ProblemException.notFound(NOT_FOUND)));
    }
}
