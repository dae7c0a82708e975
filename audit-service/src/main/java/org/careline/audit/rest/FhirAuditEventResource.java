package org.careline.audit.rest;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.careline.audit.mapping.FhirAuditEventMapper;
import org.careline.audit.service.AuditFilters;
import org.careline.audit.service.AuditPage;
import org.careline.audit.service.AuditQueryService;
import org.careline.events.AuditAction;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/v1/audit/fhir/AuditEvent")
@Tag(name = "Audit events")
@SecurityRequirement(name = "SecurityScheme")
public class FhirAuditEventResource {

    public static final String FHIR_JSON = "application/fhir+json";

    private final AuditQueryService service;
    private final FhirAuditEventMapper mapper;
    private final FhirContext fhir;
    private final CurrentCaller caller;

    public FhirAuditEventResource(AuditQueryService service, FhirAuditEventMapper mapper, FhirContext fhir,
                                  CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.fhir = fhir;
        this.caller = caller;
    }

    @GET
    @Produces(FHIR_JSON)
    @Authenticated // the auditor role is checked in the service, so that a refused export is audited too
    @Operation(summary = "Export the audit trail as FHIR R4 AuditEvents (IHE BALP)",
            description = "Role auditor only. The same filters and paging as GET /api/v1/audit/events; the answer is a "
                    + "FHIR searchset Bundle whose next link carries the cursor. Patient-specific events carry the "
                    + "patient entity (type 1, role 1). Every export is audited as EXPORT of AuditEvent.")
    @APIResponse(responseCode = "200", description = "A FHIR Bundle of AuditEvents",
            content = @Content(mediaType = FHIR_JSON, examples = @ExampleObject(name = "one event", value = """
                    {"resourceType":"Bundle","type":"searchset","link":[{"relation":"self","url":"/api/v1/audit/fhir/AuditEvent?patientId=P-1001"}],
                     "entry":[{"fullUrl":"urn:uuid:3f2b8c1e-7d4a-4b9e-a1c2-5d6e7f8a9b0c","resource":{"resourceType":"AuditEvent",
                     "id":"3f2b8c1e-7d4a-4b9e-a1c2-5d6e7f8a9b0c",
                     "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest","display":"RESTful Operation"},
                     "subtype":[{"system":"http://hl7.org/fhir/restful-interaction","code":"read"}],"action":"R",
                     "recorded":"2026-11-23T10:15:30Z","outcome":"0",
                     "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]}],
                     "agent":[{"who":{"identifier":{"system":"urn:careline:user","value":"6c1e2a4b"},"display":"dr.lee"},
                     "requestor":true,"role":[{"text":"clinician"}],"network":{"address":"10.0.4.17","type":"2"}}],
                     "source":{"site":"messaging-service","observer":{"display":"messaging-service"}},
                     "entity":[{"what":{"identifier":{"system":"urn:careline:resource:Thread","value":"0b6f3f5e"},"display":"Thread"}},
                     {"what":{"reference":"Patient/P-1001"},"type":{"code":"1"},"role":{"code":"1"}}]},"search":{"mode":"match"}}]}""")))
    @APIResponse(responseCode = "400", description = "An invalid filter, limit or cursor (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller is not an auditor (the attempt is audited)")
    public Uni<String> export(
            @Parameter(description = "Only accesses to this patient's data", example = "P-1001") @QueryParam("patientId") String patientId,
            @Parameter(description = "Only accesses by this user") @QueryParam("userId") String userId,
            @Parameter(description = "Only this action", example = "READ") @QueryParam("action") String action,
            @Parameter(description = "Only this outcome", example = "DENIED") @QueryParam("outcome") String outcome,
            @Parameter(description = "From this instant (inclusive)") @QueryParam("from") String from,
            @Parameter(description = "Before this instant") @QueryParam("to") String to,
            @Parameter(description = "Events per page, 1 to 200 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "The cursor of the next link") @QueryParam("cursor") String cursor,
            @Parameter(description = "Only this resource type", example = "Thread") @QueryParam("resourceType") String resourceType,
            @Parameter(description = "Only this resource id") @QueryParam("resourceId") String resourceId,
            @Context UriInfo uri) {
        AuditFilters filters = new AuditFilters(patientId, userId, action, outcome, from, to, limit, cursor,
                resourceType, resourceId);
        return service.search(caller.get(), filters, AuditAction.EXPORT)
                .map(page -> page.orElseThrow(() -> new ProblemException(403, "forbidden", "Forbidden",
                        "Only auditors may export the audit trail.")))
                .map(page -> fhir.newJsonParser().encodeResourceToString(
                        mapper.toBundle(page.records(), relative(uri.getRequestUri()), next(uri, page))));
    }

    private static String next(UriInfo uri, AuditPage page) {
        if (page.next() == null) {
            return null;
        }
        return relative(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next().encode()).build());
    }

    private static String relative(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    }
}
