package org.careline.messaging.rest;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.FhirCommunicationMapper;
import org.careline.messaging.service.FhirCommunicationService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FHIR R4 read access to threads: {@code Communication} search by subject, under the thread rules. */
@Path("/api/v1/fhir/Communication")
@Tag(name = "FHIR")
@SecurityRequirement(name = "SecurityScheme")
@Authenticated
public class FhirCommunicationResource {

    public static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern SUBJECT = Pattern.compile("Patient/([A-Za-z0-9.-]{1,64})");

    private final FhirCommunicationService service;
    private final FhirCommunicationMapper mapper;
    private final FhirContext fhir;
    private final CurrentCaller caller;

    public FhirCommunicationResource(FhirCommunicationService service, FhirCommunicationMapper mapper,
                                     FhirContext fhir, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.fhir = fhir;
        this.caller = caller;
    }

    @GET
    @Produces(FHIR_JSON)
    @Operation(summary = "A patient's threads as FHIR R4 Communications",
            description = "A searchset Bundle: per thread a header Communication (subject, topic, care team, status) "
                    + "followed by one Communication per message, partOf the header. Same visibility as GET /api/v1/threads; "
                    + "audited as a query per patient.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle", content = @Content(mediaType = FHIR_JSON,
            examples = @ExampleObject(name = "bundle", value = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":2,"
                    + "\"link\":[{\"relation\":\"self\",\"url\":\"https://careline.example/api/v1/fhir/Communication?subject=Patient/P-1001\"}],"
                    + "\"entry\":[{\"fullUrl\":\"https://careline.example/api/v1/fhir/Communication/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\","
                    + "\"resource\":{\"resourceType\":\"Communication\",\"id\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\","
                    + "\"status\":\"in-progress\",\"subject\":{\"reference\":\"Patient/P-1001\"},"
                    + "\"topic\":{\"coding\":[{\"system\":\"https://careline.dev/fhir/CodeSystem/message-topic\",\"code\":\"MEDICATION\"}],"
                    + "\"text\":\"Inhaler refill\"},\"sent\":\"2026-11-23T10:15:30Z\"},\"search\":{\"mode\":\"match\"}},"
                    + "{\"fullUrl\":\"https://careline.example/api/v1/fhir/Communication/5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\","
                    + "\"resource\":{\"resourceType\":\"Communication\",\"id\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\","
                    + "\"partOf\":[{\"reference\":\"Communication/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\"}],\"status\":\"completed\","
                    + "\"subject\":{\"reference\":\"Patient/P-1001\"},\"sent\":\"2026-11-23T10:15:30Z\","
                    + "\"payload\":[{\"contentString\":\"Could you refill my albuterol inhaler?\"}]},\"search\":{\"mode\":\"match\"}}]}")))
    @APIResponse(responseCode = "400", description = "subject missing or not Patient/{id} (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller's role uses no threads, or the patient is not theirs (audited)")
    public Uni<String> search(
            @Parameter(description = "The patient, as Patient/{id}", required = true, example = "Patient/P-1001")
            @QueryParam("subject") String subject, UriInfo uri) {
        String patientId = patientOf(subject);
        String base = uri.getBaseUriBuilder().path("api/v1/fhir").build().toString();
        String self = base + "/Communication?subject=Patient/" + patientId;
        return service.search(caller.get(), patientId)
                .map(found -> fhir.newJsonParser().encodeResourceToString(
                        mapper.toBundle(base, self, found.threads(), found.messages())));
    }

    private static String patientOf(String subject) {
        Matcher matcher = subject == null ? null : SUBJECT.matcher(subject);
        if (matcher == null || !matcher.matches()) {
            throw new ProblemException(400, "invalid-parameter", "Bad Request",
                    "subject is required, as Patient/{id}.");
        }
        return matcher.group(1);
    }
}
