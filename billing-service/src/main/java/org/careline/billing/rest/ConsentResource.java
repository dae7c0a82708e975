package org.careline.billing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.billing.Consent;
import org.careline.billing.service.ConsentService;
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

import java.time.Clock;
import java.time.Instant;

@Path("/api/v1/billing/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent")
@SecurityRequirement(name = "SecurityScheme")
public class ConsentResource {

    private final ConsentService service;
    private final CurrentCaller caller;
    private final Clock clock;

    public ConsentResource(ConsentService service, CurrentCaller caller, Clock clock) {
        this.service = service;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PATIENT, Roles.CAREGIVER})
    @Operation(summary = "Consent to possible e-visit charges",
            description = "The patient agrees to the consent text of the given version; the time is kept. Held charges "
                    + "of the patient are released. A caregiver names the patient (patientId) and needs a live READ_WRITE proxy "
                    + "grant for them, else 403 proxy-grant-required (audited DENIED).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "consent", value = "{\"textVersion\":\"evisit-2026-01\"}"),
            @ExampleObject(name = "by a caregiver",
                    value = "{\"textVersion\":\"evisit-2026-01\",\"patientId\":\"P-1001\"}")}))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "recorded", value = "{\"id\":\"0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\","
                    + "\"patientId\":\"P-1001\",\"textVersion\":\"evisit-2026-01\",\"recordedAt\":\"2026-03-10T14:00:00Z\","
                    + "\"validUntil\":\"2027-03-10T14:00:00Z\",\"current\":true,\"reevaluated\":1}")))
    @APIResponse(responseCode = "400", description = "Invalid body, or a caregiver without patientId (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not the patient, and no live READ_WRITE proxy grant for them "
            + "(problem+json, type proxy-grant-required for caregivers)")
    public Uni<RestResponse<ConsentResponse>> record(@Valid @NotNull ConsentRequest request, UriInfo uri) {
        return service.record(caller.get(), request.textVersion(), request.patientId())
                .map(r -> toResponse(r.value(), r.reevaluated()))
                .map(c -> RestResponse.ResponseBuilder.<ConsentResponse>created(
                        location(uri, request.patientId())).entity(c).build());
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.PATIENT, Roles.CAREGIVER})
    @Operation(summary = "My latest consent to possible e-visit charges",
            description = "A caregiver names the patient they act for (patientId) and needs a live READ_WRITE proxy grant.")
    @APIResponse(responseCode = "200", description = "The latest consent")
    @APIResponse(responseCode = "400", description = "A caregiver without patientId, or a malformed one (problem+json)")
    @APIResponse(responseCode = "403", description = "No live READ_WRITE proxy grant for the patient (problem+json)")
    @APIResponse(responseCode = "404", description = "No consent recorded (problem+json)")
    public Uni<ConsentResponse> mine(@Parameter(description = "The patient a caregiver acts for", example = "P-1001")
                                     @QueryParam("patientId") @Size(min = 1, max = 64)
                                     @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId) {
        return service.current(caller.get(), patientId)
                .map(found -> found.map(c -> toResponse(c, 0)).orElseThrow(() -> ProblemException.notFound(
                        "You have not consented to e-visit charges.")));
    }

    private static java.net.URI location(UriInfo uri, String patientId) {
        var me = uri.getAbsolutePathBuilder().path("me");
        return patientId == null ? me.build() : me.queryParam("patientId", patientId).build();
    }

    private ConsentResponse toResponse(Consent c, int reevaluated) {
        Instant until = service.validUntil(c.recordedAt);
        return new ConsentResponse(c.id.toString(), c.patientId, c.textVersion, c.recordedAt, until,
                until == null || until.isAfter(clock.instant()), reevaluated);
    }
}
