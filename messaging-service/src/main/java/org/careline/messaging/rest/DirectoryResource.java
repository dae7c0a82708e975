package org.careline.messaging.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.messaging.DirectoryEntry;
import org.careline.messaging.service.DirectoryChange;
import org.careline.messaging.service.DirectoryService;
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

/** The directory of secure providers, and its management by admins. Scope and audit in the service. */
@Path("/api/v1/directory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Directory", description = "Care teams and clinicians that accept secure messages")
@SecurityRequirement(name = "SecurityScheme")
@Authenticated
public class DirectoryResource {

    private static final String NAME = "[A-Za-z0-9._@-]+";
    private static final String LIST = "{\"items\":[{\"careTeam\":\"family-medicine\",\"displayName\":\"Family Medicine\","
            + "\"acceptsMessages\":true,\"turnaroundHours\":48,\"expectedTurnaround\":\"2 days\",\"clinicians\":["
            + "{\"username\":\"dr.lee\",\"displayName\":\"Dr. Lee\",\"credential\":\"MD\",\"acceptsMessages\":true,"
            + "\"turnaroundHours\":48,\"expectedTurnaround\":\"2 days\",\"outOfOffice\":{\"until\":\"2026-11-30T14:00:00Z\","
            + "\"delegate\":\"np.kim\"}},{\"username\":\"dr.ortiz\",\"displayName\":\"Dr. Ortiz\",\"credential\":\"DO\","
            + "\"acceptsMessages\":false,\"turnaroundHours\":48,\"expectedTurnaround\":\"2 days\",\"outOfOffice\":null}]}]}";
    private static final String ENTRY = "{\"careTeam\":\"family-medicine\",\"clinician\":\"dr.ortiz\","
            + "\"displayName\":\"Dr. Ortiz\",\"credential\":\"DO\",\"acceptsMessages\":false,\"turnaroundHours\":null,"
            + "\"updatedBy\":\"admin1\",\"updatedAt\":\"2026-11-23T15:00:00Z\"}";
    private static final String FORBIDDEN = "{\"type\":\"https://careline.dev/problems/forbidden\",\"title\":\"Forbidden\","
            + "\"status\":403,\"detail\":\"A patient can only see their own care teams.\",\"instance\":\"/api/v1/directory\"}";

    private final DirectoryService service;
    private final CurrentCaller caller;

    public DirectoryResource(DirectoryService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Who the caller may message",
            description = "A patient: their care teams (token's team and the teams of their threads); a caregiver: "
                    + "those of patientId under a live proxy grant; clinicians and staff: their teams; an admin: every "
                    + "team in the directory. Each team and clinician says whether it accepts secure messages, its "
                    + "expected turnaround, and for clinicians a running out-of-office period with the delegate. "
                    + "A team or clinician nobody configured accepts messages with the practice's turnaround.")
    @APIResponse(responseCode = "200", description = "The directory",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "family medicine",
                    value = LIST)))
    @APIResponse(responseCode = "400", description = "A caregiver without patientId",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @APIResponse(responseCode = "403", description = "Another patient's care teams, no live proxy grant, or a role "
            + "without directory access (billing, auditor); audited as DENIED",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "forbidden",
                    value = FORBIDDEN)))
    public Uni<DirectoryResponse> list(
            @Parameter(description = "Caregivers: the patient whose care teams to list") @QueryParam("patientId")
            @Size(max = 64) @Pattern(regexp = NAME) String patientId) {
        return service.list(caller.get(), patientId).map(DirectoryResponse::new);
    }

    @PUT
    @Path("care-teams/{careTeam}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set whether a care team accepts secure messages (admin)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "team",
            value = "{\"displayName\":\"Family Medicine\",\"acceptsMessages\":true,\"turnaroundHours\":48}")))
    @APIResponse(responseCode = "200", description = "The stored row", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "team", value = "{\"careTeam\":"
            + "\"family-medicine\",\"clinician\":null,\"displayName\":\"Family Medicine\",\"credential\":null,"
            + "\"acceptsMessages\":true,\"turnaroundHours\":48,\"updatedBy\":\"admin1\",\"updatedAt\":\"2026-11-23T15:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "Invalid body or name", content = @Content(mediaType = ApiExamples.PROBLEM,
            examples = @ExampleObject(name = "invalid", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = ApiExamples.PROBLEM))
    public Uni<DirectoryEntryResponse> putTeam(@PathParam("careTeam") @Size(max = 255) @Pattern(regexp = NAME) String careTeam,
                                               @Valid @NotNull DirectoryEntryRequest body) {
        return service.put(caller.get(), change(careTeam, null, body)).map(DirectoryResource::toResponse);
    }

    @PUT
    @Path("care-teams/{careTeam}/clinicians/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List a clinician in a care team's directory, accepting messages or not (admin)",
            description = "A clinician whose row says acceptsMessages=false cannot be named in a patient's new thread "
                    + "(422 clinician-not-accepting-messages, pointing to the care team).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "not accepting",
            value = "{\"displayName\":\"Dr. Ortiz\",\"credential\":\"DO\",\"acceptsMessages\":false}")))
    @APIResponse(responseCode = "200", description = "The stored row", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "clinician", value = ENTRY)))
    @APIResponse(responseCode = "400", description = "Invalid body or name", content = @Content(mediaType = ApiExamples.PROBLEM,
            examples = @ExampleObject(name = "invalid", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = ApiExamples.PROBLEM))
    public Uni<DirectoryEntryResponse> putClinician(
            @PathParam("careTeam") @Size(max = 255) @Pattern(regexp = NAME) String careTeam,
            @PathParam("username") @Size(max = 255) @Pattern(regexp = NAME) String username,
            @Valid @NotNull DirectoryEntryRequest body) {
        return service.put(caller.get(), change(careTeam, username, body)).map(DirectoryResource::toResponse);
    }

    @DELETE
    @Path("care-teams/{careTeam}/clinicians/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a clinician from a care team's directory (admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such row", content = @Content(mediaType = ApiExamples.PROBLEM))
    public Uni<RestResponse<Void>> removeClinician(
            @PathParam("careTeam") @Size(max = 255) @Pattern(regexp = NAME) String careTeam,
            @PathParam("username") @Size(max = 255) @Pattern(regexp = NAME) String username) {
        return service.remove(caller.get(), careTeam, username).map(ignored -> RestResponse.noContent());
    }

    private static DirectoryChange change(String careTeam, String clinician, DirectoryEntryRequest body) {
        return new DirectoryChange(careTeam, clinician, body.displayName(), clinician == null ? null : body.credential(),
                body.acceptsMessages(), body.turnaroundHours());
    }

    private static DirectoryEntryResponse toResponse(DirectoryEntry e) {
        return new DirectoryEntryResponse(e.careTeam, e.isTeam() ? null : e.clinician, e.displayName, e.credential,
                e.acceptsMessages, e.turnaroundHours, e.updatedBy, e.updatedAt);
    }
}
