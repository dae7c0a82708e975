package org.careline.billing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.mapping.EpisodeMapper;
import org.careline.billing.service.EpisodeQuery;
import org.careline.billing.service.EpisodeService;
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

@Path("/api/v1/billing/episodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing episodes")
@SecurityRequirement(name = "SecurityScheme")
public class EpisodeResource {

    /** 1 to 200. A text parameter so that "ten" is a 400 with a violation, not JAX-RS's 404. */
    private static final String PAGE_SIZE = "[1-9]|[1-9][0-9]|1[0-9][0-9]|200";

    private final EpisodeService service;
    private final EpisodeMapper mapper;
    private final CurrentCaller caller;

    public EpisodeResource(EpisodeService service, EpisodeMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.BILLING, Roles.ADMIN, Roles.CLINICIAN})
    @Operation(summary = "A patient's e-visit billing episodes, newest first",
            description = "Billing sees all; a clinician, read-only, the episodes they logged time on. "
                    + "Cursor-paginated: pass the returned nextCursor as cursor for the next page. Every query is audited.")
    @APIResponse(responseCode = "200", description = "A page of episodes", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "awaiting review",
            value = "{\"items\":[{\"id\":\"3f0c9d2e-7b1a-4c5d-9e8f-1a2b3c4d5e6f\",\"patientId\":\"P-1001\","
                    + "\"careTeam\":\"family-medicine\",\"status\":\"AWAITING_REVIEW\","
                    + "\"threadIds\":[\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\"],\"openedAt\":null,\"totalMinutes\":0,"
                    + "\"code\":null,\"createdAt\":\"2026-11-23T10:15:30Z\",\"updatedAt\":\"2026-11-23T10:15:31Z\","
                    + "\"windowEnd\":null,\"codeFamily\":null,\"reason\":null,\"decidedAt\":null}],"
                    + "\"nextCursor\":null}"), @ExampleObject(name = "decided",
            value = "{\"items\":[{\"id\":\"3f0c9d2e-7b1a-4c5d-9e8f-1a2b3c4d5e6f\",\"patientId\":\"P-1001\","
                    + "\"careTeam\":\"family-medicine\",\"status\":\"READY\","
                    + "\"threadIds\":[\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\"],\"openedAt\":\"2026-03-02T20:00:00Z\","
                    + "\"totalMinutes\":13,\"code\":\"99422\",\"createdAt\":\"2026-03-02T19:50:00Z\","
                    + "\"updatedAt\":\"2026-03-09T04:00:30Z\",\"windowEnd\":\"2026-03-09T04:00:00Z\","
                    + "\"codeFamily\":\"PHYSICIAN_QHP\",\"reason\":null,\"decidedAt\":\"2026-03-09T04:00:30Z\"}],"
                    + "\"nextCursor\":null}")}))
    @APIResponse(responseCode = "400", description = "Missing or invalid parameters (problem+json)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "missing patientId",
            value = "{\"type\":\"https://careline.dev/problems/validation-failed\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"The request has invalid fields.\",\"instance\":\"/api/v1/billing/episodes\","
                    + "\"violations\":[{\"field\":\"patientId\",\"message\":\"must not be blank\"}]}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller is not in billing or a clinician")
    public Uni<EpisodePageResponse> list(
            @Parameter(description = "Whose episodes", required = true, example = "P-1001")
            @QueryParam("patientId") @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String patientId,
            @Parameter(description = "Only episodes in this status", example = "AWAITING_REVIEW")
            @QueryParam("status") @Pattern(regexp = EpisodeStatus.NAMES) String status,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50")
            @QueryParam("limit") @Pattern(regexp = PAGE_SIZE, message = "must be a whole number from 1 to 200")
            String limit) {
        EpisodeQuery query = new EpisodeQuery(patientId, status == null ? null : EpisodeStatus.valueOf(status),
                cursor, limit == null ? null : Integer.valueOf(limit));
        return service.find(caller.get(), query).map(mapper::toResponse);
    }

    @GET
    @Path("{id}/trace")
    @RolesAllowed({Roles.BILLING, Roles.ADMIN, Roles.CLINICIAN})
    @Operation(summary = "The rule trace of an episode's decision",
            description = "Every rule in evaluation order with what it saw (identifiers, codes and numbers). Empty "
                    + "until the window is decided. A clinician sees only episodes they logged time on.")
    @APIResponse(responseCode = "200", description = "The trace", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "held for consent", value = "{\"episodeId\":\"3f0c9d2e-7b1a-4c5d-9e8f-1a2b3c4d5e6f\","
                    + "\"status\":\"HELD\",\"code\":\"99422\",\"reason\":\"CONSENT_MISSING\","
                    + "\"decidedAt\":\"2026-03-09T04:00:30Z\",\"steps\":[{\"rule\":\"time.minimum\",\"passed\":true,"
                    + "\"detail\":\"13 min counted; at least 5 needed\"},{\"rule\":\"consent\",\"passed\":false,"
                    + "\"detail\":\"no consent covering the window (consents last P1Y)\"}]}")))
    @APIResponse(responseCode = "404", description = "No such episode visible to the caller (problem+json)")
    public Uni<TraceResponse> trace(@PathParam("id") String id) {
        String notFound = "No episode with this id is visible to you.";
        return service.trace(caller.get(), Ids.parse(id, notFound))
                .map(found -> found.map(mapper::toTrace).orElseThrow(() -> ProblemException.notFound(notFound)));
    }
}
