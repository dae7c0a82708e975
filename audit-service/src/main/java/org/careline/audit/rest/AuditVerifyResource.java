package org.careline.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.audit.service.VerifyReport;
import org.careline.audit.service.VerifyService;
import org.careline.platform.audit.AuditedResource;
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

import java.util.Optional;

@Path("/api/v1/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit integrity")
@SecurityRequirement(name = "SecurityScheme")
@AuditedResource("AuditChain")
public class AuditVerifyResource {

    private final VerifyService service;
    private final CurrentCaller caller;

    public AuditVerifyResource(VerifyService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR) // refusals are audited as DENIED by careline-platform
    @Operation(summary = "Verify the hash chains and signed checkpoints",
            description = "Role auditor only. Recomputes every record's hash in chain order, checks each link, the "
                    + "retention anchors and every signed checkpoint (database and exported copies), and reports the "
                    + "first broken record of each chain. The verification is itself audited.")
    @APIResponse(responseCode = "200", description = "The report; valid is false when anything is broken",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "intact", value = "{\"valid\":true,\"verifiedAt\":\"2026-11-23T10:20:00Z\","
                            + "\"exportedCopies\":true,\"unchainedRecords\":0,\"chains\":[{\"chainId\":\"careline.audit.records/0\","
                            + "\"valid\":true,\"records\":1204,\"firstSeq\":1,\"lastSeq\":1204,\"checkpointsVerified\":12,"
                            + "\"firstBroken\":null}]}"),
                    @ExampleObject(name = "a changed record", value = "{\"valid\":false,\"verifiedAt\":\"2026-11-23T10:20:00Z\","
                            + "\"exportedCopies\":true,\"unchainedRecords\":0,\"chains\":[{\"chainId\":\"careline.audit.records/0\","
                            + "\"valid\":false,\"records\":17,\"firstSeq\":1,\"lastSeq\":16,\"checkpointsVerified\":0,"
                            + "\"firstBroken\":{\"seq\":17,\"eventId\":\"3f2b8c1e-7d4a-4b9e-a1c2-5d6e7f8a9b0c\","
                            + "\"problem\":\"hash-mismatch\",\"detail\":\"its content does not match its hash\"}}]}")}))
    @APIResponse(responseCode = "400", description = "An invalid chain id (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token (audited)")
    @APIResponse(responseCode = "403", description = "The caller is not an auditor (audited as DENIED)")
    public Uni<VerifyReport> verify(
            @Parameter(description = "Only this chain: <kafka topic>/<partition>", example = "careline.audit.records/0")
            @QueryParam("chainId") String chainId) {
        if (chainId != null && (chainId.isBlank() || chainId.length() > 300)) {
            throw ProblemException.badRequest("chainId must be 1 to 300 characters.");
        }
        return service.verify(caller.get(), Optional.ofNullable(chainId));
    }
}
