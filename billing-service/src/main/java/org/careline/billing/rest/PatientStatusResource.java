package org.careline.billing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.careline.billing.service.EhrService;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/billing/patients/{patientId}/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "EHR inputs")
@SecurityRequirement(name = "SecurityScheme")
public class PatientStatusResource {

    private final EhrService service;
    private final CurrentCaller caller;

    public PatientStatusResource(EhrService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "Set whether the patient is established",
            description = "E-visits are billable for established patients only. Re-evaluates the patient's decided, "
                    + "unsubmitted episodes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "established", value = "{\"established\":true}")))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "recorded", value = "{\"patientId\":\"P-1001\",\"established\":true,"
                    + "\"updatedAt\":\"2026-03-10T14:00:00Z\",\"reevaluated\":0}")))
    @APIResponse(responseCode = "400", description = "Invalid body or patient id (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not billing or the EHR integration")
    public Uni<PatientStatusResponse> put(
            @PathParam("patientId") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId,
            @Valid @NotNull PatientStatusRequest request) {
        return service.setStatus(caller.get(), patientId, request.established())
                .map(r -> new PatientStatusResponse(r.value().patientId, r.value().established, r.value().updatedAt,
                        r.reevaluated()));
    }
}
