package org.careline.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.audit.mapping.DisclosureMapper;
import org.careline.audit.service.DisclosureService;
import org.careline.platform.audit.AuditedResource;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounting of disclosures")
@SecurityRequirement(name = "SecurityScheme")
@AuditedResource("Disclosure")
public class DisclosureResource {

    private final DisclosureService service;
    private final DisclosureMapper mapper;
    private final CurrentCaller caller;

    public DisclosureResource(DisclosureService service, DisclosureMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @Path("/disclosures")
    @RolesAllowed(Roles.AUDITOR) // refusals are audited as DENIED by careline-platform
    @Operation(summary = "Accounting of disclosures of one patient",
            description = "Role auditor only. Who accessed the patient's data (successfully, anyone but the patient), "
                    + "when, what and why (purpose of use; breakGlass for emergency access), newest first. Audited.")
    @APIResponse(responseCode = "200", description = "A page of disclosures", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one disclosure", value = """
                    {"items":[{"occurredAt":"2026-11-23T10:15:30Z","userId":"6c1e2a4b-0d3f-4e5a-9b8c-7d6e5f4a3b2c",
                    "username":"dr.lee","role":"clinician","service":"messaging-service","action":"READ",
                    "resourceType":"Thread","resourceId":"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f","purposeOfUse":"TREAT",
                    "breakGlass":false}],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "patientId missing or too long, or a bad limit or cursor (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token (audited)")
    @APIResponse(responseCode = "403", description = "Not an auditor (audited as DENIED)")
    public Uni<Page<DisclosureEntry>> disclosures(
            @Parameter(description = "The patient", required = true, example = "P-1001") @QueryParam("patientId") String patientId,
            @Parameter(description = "Entries per page, 1 to 200 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return service.accounting(caller.get(), patientId, limit, cursor)
                .map(page -> mapper.page(page, mapper::toDisclosure));
    }

    @GET
    @Path("/my-access-log")
    @RolesAllowed(Roles.PATIENT) // refusals are audited as DENIED by careline-platform
    @Operation(summary = "Who viewed my data",
            description = "Role patient only, own data only (the patient id comes from the token). Staff appear as the "
                    + "organization configures (username, role, or \"a member of your care team\"). Audited.")
    @APIResponse(responseCode = "200", description = "A page of accesses to the caller's data", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "care team view", value = """
                    {"items":[{"occurredAt":"2026-11-23T10:15:30Z","who":"a member of your care team","action":"READ",
                    "resourceType":"Thread","why":"your care","emergency":false}],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token (audited)")
    @APIResponse(responseCode = "403", description = "Not a patient (audited as DENIED)")
    public Uni<Page<AccessLogEntry>> myAccessLog(
            @Parameter(description = "Entries per page, 1 to 200 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return service.ownAccessLog(caller.get(), limit, cursor)
                .map(page -> mapper.page(page, mapper::toAccessLog));
    }
}
