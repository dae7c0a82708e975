package org.careline.messaging.rest;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.FhirDirectoryMapper;
import org.careline.messaging.service.DirectoryService;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static org.careline.messaging.rest.FhirCommunicationResource.FHIR_JSON;

/**
 * The directory of secure providers as FHIR R4 ({@code HealthcareService} per care team, {@code PractitionerRole}
 * per clinician), with exactly the scope and audit of {@code GET /api/v1/directory}.
 */
@Path("/api/v1/fhir")
@Tag(name = "FHIR")
@SecurityRequirement(name = "SecurityScheme")
@Authenticated
public class FhirDirectoryResource {

    /** As GET /api/v1/directory: a malformed patient id is a 400 problem before any query. */
    private static final String PATIENT_ID = "[A-Za-z0-9._@-]+";
    private static final String SERVICES = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":1,"
            + "\"link\":[{\"relation\":\"self\",\"url\":\"https://careline.example/api/v1/fhir/HealthcareService\"}],"
            + "\"entry\":[{\"fullUrl\":\"https://careline.example/api/v1/fhir/HealthcareService/family-medicine\","
            + "\"resource\":{\"resourceType\":\"HealthcareService\",\"id\":\"family-medicine\",\"extension\":["
            + "{\"url\":\"" + FhirDirectoryMapper.ACCEPTS_MESSAGES + "\",\"valueBoolean\":true},"
            + "{\"url\":\"" + FhirDirectoryMapper.TURNAROUND + "\",\"valueDuration\":{\"value\":48,\"unit\":\"h\","
            + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"h\"}}],"
            + "\"identifier\":[{\"system\":\"https://careline.dev/fhir/NamingSystem/care-team\",\"value\":\"family-medicine\"}],"
            + "\"active\":true,\"type\":[{\"coding\":[{\"system\":\"https://careline.dev/fhir/CodeSystem/service-type\","
            + "\"code\":\"secure-messaging\",\"display\":\"Secure messaging\"}]}],\"name\":\"Family Medicine\","
            + "\"telecom\":[{\"system\":\"url\",\"value\":\"https://careline.example/api/v1/threads\",\"rank\":1}],"
            + "\"availabilityExceptions\":\"Secure messages are answered within 2 days.\"},\"search\":{\"mode\":\"match\"}}]}";
    private static final String ROLES = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":1,"
            + "\"link\":[{\"relation\":\"self\",\"url\":\"https://careline.example/api/v1/fhir/PractitionerRole\"}],"
            + "\"entry\":[{\"fullUrl\":\"https://careline.example/api/v1/fhir/PractitionerRole/family-medicine.dr.lee\","
            + "\"resource\":{\"resourceType\":\"PractitionerRole\",\"id\":\"family-medicine.dr.lee\",\"extension\":["
            + "{\"url\":\"" + FhirDirectoryMapper.ACCEPTS_MESSAGES + "\",\"valueBoolean\":true}],"
            + "\"identifier\":[{\"system\":\"https://careline.dev/fhir/NamingSystem/username\",\"value\":\"dr.lee\"}],"
            + "\"active\":true,\"practitioner\":{\"identifier\":{\"system\":\"https://careline.dev/fhir/NamingSystem/username\","
            + "\"value\":\"dr.lee\"},\"display\":\"Dr. Lee\"},\"code\":[{\"text\":\"MD\"}],"
            + "\"healthcareService\":[{\"reference\":\"HealthcareService/family-medicine\"}],"
            + "\"telecom\":[{\"system\":\"url\",\"value\":\"https://careline.example/api/v1/threads\",\"rank\":1}],"
            + "\"notAvailable\":[{\"description\":\"Out of office; messages go to the care team (covered by np.kim).\","
            + "\"during\":{\"end\":\"2026-11-30T08:00:00Z\"}}],"
            + "\"availabilityExceptions\":\"Secure messages are answered within 2 days.\"},\"search\":{\"mode\":\"match\"}}]}";

    private final DirectoryService service;
    private final FhirDirectoryMapper mapper;
    private final FhirContext fhir;
    private final CurrentCaller caller;

    public FhirDirectoryResource(DirectoryService service, FhirDirectoryMapper mapper, FhirContext fhir,
                                 CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.fhir = fhir;
        this.caller = caller;
    }

    @GET
    @Path("HealthcareService")
    @Produces(FHIR_JSON)
    @Operation(summary = "The care teams the caller may message, as FHIR R4 HealthcareServices",
            description = "Same scope and audit as GET /api/v1/directory: a patient their own care teams, a caregiver "
                    + "those of a patient under a live proxy grant (patientId), clinicians and staff their teams, an "
                    + "admin every team. Accepting messages: extension accepts-secure-messages, telecom rank 1, "
                    + "notAvailable when not; turnaround: extension expected-turnaround and availabilityExceptions.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = FHIR_JSON,
            examples = @ExampleObject(name = "bundle", value = SERVICES)))
    @APIResponse(responseCode = "400", description = "A caregiver without patientId, or a malformed one (problem+json)",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "invalid",
                    value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Another patient's care teams, no proxy grant, or a role without "
            + "directory access (audited)", content = @Content(mediaType = ApiExamples.PROBLEM,
            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    public Uni<String> services(@Parameter(description = "Caregivers: the patient whose care teams to list")
                                @QueryParam("patientId") @Size(max = 64) @Pattern(regexp = PATIENT_ID) String patientId,
                                UriInfo uri) {
        String base = base(uri);
        return service.list(caller.get(), patientId).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(teams -> fhir.newJsonParser().encodeResourceToString(
                        mapper.services(base, self(base, "HealthcareService", patientId), teams)));
    }

    @GET
    @Path("PractitionerRole")
    @Produces(FHIR_JSON)
    @Operation(summary = "The clinicians the caller may message, as FHIR R4 PractitionerRoles",
            description = "Same scope and audit as GET /api/v1/directory. One PractitionerRole per clinician and care "
                    + "team; out of office as notAvailable with during.end; not accepting as notAvailable and the "
                    + "accepts-secure-messages extension false.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = FHIR_JSON,
            examples = @ExampleObject(name = "bundle", value = ROLES)))
    @APIResponse(responseCode = "400", description = "A caregiver without patientId, or a malformed one (problem+json)",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "invalid",
                    value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Another patient's care teams, no proxy grant, or a role without "
            + "directory access (audited)", content = @Content(mediaType = ApiExamples.PROBLEM,
            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    public Uni<String> roles(@Parameter(description = "Caregivers: the patient whose care teams to list")
                             @QueryParam("patientId") @Size(max = 64) @Pattern(regexp = PATIENT_ID) String patientId,
                             UriInfo uri) {
        String base = base(uri);
        return service.list(caller.get(), patientId).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(teams -> fhir.newJsonParser().encodeResourceToString(
                        mapper.roles(base, self(base, "PractitionerRole", patientId), teams)));
    }

    // encoding runs on a worker thread: HAPI scans a resource type's model on its first use (seconds), never on
    // the event loop

    private static String base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("api/v1/fhir").build().toString();
    }

    private static String self(String base, String type, String patientId) {
        return base + "/" + type + (patientId == null || patientId.isBlank() ? ""
                : "?patientId=" + java.net.URLEncoder.encode(patientId, java.nio.charset.StandardCharsets.UTF_8));
    }
}
