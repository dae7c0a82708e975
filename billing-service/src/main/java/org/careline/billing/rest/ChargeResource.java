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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.billing.ChargeStatus;
import org.careline.billing.mapping.BillingMapper;
import org.careline.billing.mapping.ChargeCsv;
import org.careline.billing.mapping.ChargeItemMapper;
import org.careline.billing.service.ChargeQuery;
import org.careline.billing.service.ChargeService;
import org.careline.events.AuditAction;
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

import java.util.UUID;

@Path("/api/v1/billing/charges")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing charges")
@SecurityRequirement(name = "SecurityScheme")
public class ChargeResource {

    static final String FHIR_JSON = "application/fhir+json";
    private static final String NOT_FOUND = "No charge with this id is visible to you.";
    private static final String PAGE_SIZE = "[1-9]|[1-9][0-9]|1[0-9][0-9]|200";
    private static final String EXAMPLE = "{\"id\":\"5b7e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d\","
            + "\"episodeId\":\"3f0c9d2e-7b1a-4c5d-9e8f-1a2b3c4d5e6f\",\"patientId\":\"P-1001\","
            + "\"billingGroup\":\"family-medicine\",\"status\":\"READY\",\"code\":\"99422\","
            + "\"codeFamily\":\"PHYSICIAN_QHP\",\"minutes\":13,\"reason\":null,\"voidReason\":null,"
            + "\"serviceStart\":\"2026-03-02T20:00:00Z\",\"serviceEnd\":\"2026-03-09T04:00:00Z\","
            + "\"createdAt\":\"2026-03-02T20:00:01Z\",\"updatedAt\":\"2026-03-09T04:00:30Z\",\"submittedAt\":null}";

    private final ChargeService service;
    private final BillingMapper mapper;
    private final ChargeItemMapper fhir;
    private final ChargeCsv csv;
    private final CurrentCaller caller;

    public ChargeResource(ChargeService service, BillingMapper mapper, ChargeItemMapper fhir, ChargeCsv csv,
                          CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.fhir = fhir;
        this.csv = csv;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.BILLING, Roles.ADMIN, Roles.CLINICIAN})
    @Operation(summary = "Charges, newest first",
            description = "Billing sees every charge; a clinician, read-only, the charges of work they logged. "
                    + "Cursor-paginated; every query is audited.")
    @APIResponse(responseCode = "200", description = "A page of charges", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "ready",
            value = "{\"items\":[" + EXAMPLE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Invalid parameters (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not billing or a clinician")
    public Uni<ChargePageResponse> list(
            @Parameter(description = "Only charges in this status", example = "READY")
            @QueryParam("status") @Pattern(regexp = ChargeStatus.NAMES) String status,
            @Parameter(description = "Only this patient's charges", example = "P-1001")
            @QueryParam("patientId") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50")
            @QueryParam("limit") @Pattern(regexp = PAGE_SIZE, message = "must be a whole number from 1 to 200")
            String limit) {
        ChargeQuery query = new ChargeQuery(status == null ? null : ChargeStatus.valueOf(status), patientId, cursor,
                limit == null ? null : Integer.valueOf(limit));
        return service.find(caller.get(), query).map(page -> new ChargePageResponse(
                page.charges().stream().map(mapper::toResponse).toList(), page.nextCursor()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.BILLING, Roles.ADMIN, Roles.CLINICIAN})
    @Operation(summary = "One charge")
    @APIResponse(responseCode = "200", description = "The charge", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "ready", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such charge visible to the caller (problem+json)")
    public Uni<ChargeResponse> get(@PathParam("id") String id) {
        return service.find(caller.get(), Ids.parse(id, NOT_FOUND), AuditAction.READ)
                .map(found -> found.map(mapper::toResponse).orElseThrow(() -> ProblemException.notFound(NOT_FOUND)));
    }

    @GET
    @Path("{id}/fhir")
    @Produces(FHIR_JSON)
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "The charge as a FHIR R4 ChargeItem",
            description = "For EHR billing interfaces (e.g. ChargeItem/$create). CPT code, one unit, no place of "
                    + "service and no modifier (not telehealth). Only charges with a code (ready, held, submitted, "
                    + "voided) have one. Audited as an export.")
    @APIResponse(responseCode = "200", description = "The ChargeItem", content = @Content(mediaType = FHIR_JSON,
            examples = @ExampleObject(name = "billable", value = "{\"resourceType\":\"ChargeItem\","
                    + "\"id\":\"5b7e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d\",\"identifier\":[{\"system\":"
                    + "\"https://careline.dev/fhir/sid/charge\",\"value\":\"5b7e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d\"}],"
                    + "\"status\":\"billable\",\"code\":{\"coding\":[{\"system\":\"http://www.ama-assn.org/go/cpt\","
                    + "\"code\":\"99422\"}]},\"subject\":{\"type\":\"Patient\",\"identifier\":{\"system\":"
                    + "\"https://careline.dev/fhir/sid/patient\",\"value\":\"P-1001\"}},\"occurrencePeriod\":{"
                    + "\"start\":\"2026-03-02T20:00:00+00:00\",\"end\":\"2026-03-09T04:00:00+00:00\"},"
                    + "\"quantity\":{\"value\":1},\"enteredDate\":\"2026-03-09T04:00:30+00:00\"}")))
    @APIResponse(responseCode = "404", description = "No such charge (problem+json)")
    @APIResponse(responseCode = "409", description = "The charge has no code (pending or not billable)")
    public Uni<String> fhir(@PathParam("id") String id) {
        return service.find(caller.get(), Ids.parse(id, NOT_FOUND), AuditAction.EXPORT)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound(NOT_FOUND)))
                .map(c -> {
                    if (c.code == null) {
                        throw new ProblemException(409, "no-code", "Conflict",
                                "Only a charge with a code has a ChargeItem.");
                    }
                    return fhir.toJson(c);
                });
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "CSV of charges for the billing office",
            description = "Oldest first, at most 1000 rows, of one status (default READY). Each row is audited as an export.")
    @APIResponse(responseCode = "200", description = "RFC 4180 CSV", content = @Content(mediaType = "text/csv",
            examples = @ExampleObject(name = "ready", value = ChargeCsv.HEADER + "\r\n"
                    + "5b7e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d,3f0c9d2e-7b1a-4c5d-9e8f-1a2b3c4d5e6f,P-1001,family-medicine,"
                    + "99422,1,13,2026-03-02,2026-03-08,READY,\r\n")))
    public Uni<String> csv(@Parameter(description = "Which charges", example = "READY")
                           @QueryParam("status") @Pattern(regexp = ChargeStatus.NAMES) String status) {
        return service.export(caller.get(), status == null ? ChargeStatus.READY : ChargeStatus.valueOf(status), 1000)
                .map(csv::write);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "Mark a READY charge submitted to the billing system")
    @APIResponse(responseCode = "200", description = "The submitted charge")
    @APIResponse(responseCode = "404", description = "No such charge (problem+json)")
    @APIResponse(responseCode = "409", description = "Not READY (problem+json)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "not ready",
            value = "{\"type\":\"https://careline.dev/problems/invalid-transition\",\"title\":\"Conflict\",\"status\":409,"
                    + "\"detail\":\"Only a READY charge can be submitted.\"}")))
    public Uni<ChargeResponse> submit(@PathParam("id") String id) {
        return service.submit(caller.get(), Ids.parse(id, NOT_FOUND)).map(mapper::toResponse);
    }

    @POST
    @Path("{id}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BILLING, Roles.ADMIN})
    @Operation(summary = "Void a READY, HELD or SUBMITTED charge, with a coded reason")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "entered in error", value = "{\"reason\":\"ENTERED_IN_ERROR\"}")))
    @APIResponse(responseCode = "200", description = "The voided charge")
    @APIResponse(responseCode = "400", description = "Missing or unknown reason (problem+json)")
    @APIResponse(responseCode = "404", description = "No such charge (problem+json)")
    @APIResponse(responseCode = "409", description = "Not voidable (problem+json)")
    public Uni<ChargeResponse> voidCharge(@PathParam("id") String id, @Valid @NotNull VoidRequest request) {
        return service.voidCharge(caller.get(), Ids.parse(id, NOT_FOUND), request.reason()).map(mapper::toResponse);
    }
}
