package org.careline.messaging;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.careline.events.AuditOutcome;
import org.careline.messaging.mapping.FhirDirectoryMapper;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.ADMIN;
import static org.careline.messaging.Actors.BILLER;
import static org.careline.messaging.Actors.PATIENT1;
import static org.careline.messaging.Actors.PATIENT2;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory as FHIR R4 HealthcareService and PractitionerRole bundles: valid, and scoped like the directory. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class FhirDirectoryTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = validator();
    private static final String SERVICES = "/api/v1/fhir/HealthcareService";
    private static final String ROLES = "/api/v1/fhir/PractitionerRole";
    private String suffix;

    @BeforeEach
    void setUp() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPatientGetsValidBundlesOfTheirTeamsAndClinicians() {
        String team = "fhir-team-" + suffix;
        String patient = Actors.patient("pat-" + suffix, "P-" + suffix, team);
        put("/care-teams/" + team, "{\"displayName\":\"Team " + suffix + "\",\"acceptsMessages\":true,"
                + "\"turnaroundHours\":48}");
        put("/care-teams/" + team + "/clinicians/dr.a-" + suffix, "{\"displayName\":\"Dr. A\",\"credential\":\"MD\","
                + "\"acceptsMessages\":true,\"turnaroundHours\":24}");
        put("/care-teams/" + team + "/clinicians/dr.b-" + suffix, "{\"displayName\":\"Dr. B\",\"credential\":\"DO\","
                + "\"acceptsMessages\":false}");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"clinician\":\"dr.a-" + suffix + "\",\"delegate\":\"np.c-" + suffix + "\",\"from\":\""
                        + now.minusHours(1) + "\",\"until\":\"" + now.plusDays(2) + "\",\"timeZone\":\"UTC\"}")
                .post("/api/v1/out-of-office").then().statusCode(201);

        String requestId = "fhir-dir-" + UUID.randomUUID();
        String servicesJson = given().auth().oauth2(patient).header("X-Request-Id", requestId).get(SERVICES).then()
                .statusCode(200).contentType("application/fhir+json").extract().asString();
        assertValid(servicesJson);
        Bundle services = FHIR.newJsonParser().parseResource(Bundle.class, servicesJson);
        assertEquals(Bundle.BundleType.SEARCHSET, services.getType());
        assertEquals(1, services.getTotal());
        HealthcareService service = (HealthcareService) services.getEntryFirstRep().getResource();
        assertEquals(team, service.getIdentifierFirstRep().getValue());
        assertEquals("Team " + suffix, service.getName());
        assertTrue(((BooleanType) service.getExtensionByUrl(FhirDirectoryMapper.ACCEPTS_MESSAGES).getValue()).booleanValue());
        assertEquals(48, ((Duration) service.getExtensionByUrl(FhirDirectoryMapper.TURNAROUND).getValue())
                .getValue().intValue());
        assertEquals(1, service.getTelecomFirstRep().getRank());
        assertTrue(service.getNotAvailable().isEmpty());
        assertTrue(Outboxes.auditsOfRequest(requestId).stream()
                .anyMatch(a -> a.outcome() == AuditOutcome.SUCCESS && ("P-" + suffix).equals(a.patientId())));

        String rolesJson = given().auth().oauth2(patient).get(ROLES).then().statusCode(200)
                .contentType("application/fhir+json").extract().asString();
        assertValid(rolesJson);
        Bundle roles = FHIR.newJsonParser().parseResource(Bundle.class, rolesJson);
        assertEquals(2, roles.getTotal());
        PractitionerRole away = (PractitionerRole) roles.getEntry().get(0).getResource();
        PractitionerRole closed = (PractitionerRole) roles.getEntry().get(1).getResource();
        assertEquals("dr.a-" + suffix, away.getIdentifierFirstRep().getValue());
        assertEquals("HealthcareService/" + team, away.getHealthcareServiceFirstRep().getReference());
        assertEquals("MD", away.getCodeFirstRep().getText());
        assertEquals(1, away.getNotAvailable().size(), "out of office");
        assertNotNull(away.getNotAvailableFirstRep().getDuring().getEnd());
        assertTrue(away.getNotAvailableFirstRep().getDescription().contains("np.c-" + suffix));
        assertEquals(24, ((Duration) away.getExtensionByUrl(FhirDirectoryMapper.TURNAROUND).getValue())
                .getValue().intValue());
        assertFalse(((BooleanType) closed.getExtensionByUrl(FhirDirectoryMapper.ACCEPTS_MESSAGES).getValue())
                .booleanValue());
        assertFalse(closed.getTelecomFirstRep().hasRank(), "not the preferred contact while not accepting");
        assertEquals(1, closed.getNotAvailable().size());
    }

    @Test
    void aPatientNeverSeesAnotherPatientsCareRelationships() {
        String team = "only-p1-fhir-" + suffix;
        Actors.openThread(PATIENT1, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\",\"careTeam\":\"" + team + "\"}");
        put("/care-teams/" + team + "/clinicians/dr.p1-" + suffix, "{\"acceptsMessages\":true}");

        assertTrue(teams(PATIENT1, SERVICES, null).contains(team));
        assertFalse(teams(PATIENT2, SERVICES, null).contains(team));
        String roles = given().auth().oauth2(PATIENT2).get(ROLES).then().statusCode(200).extract().asString();
        assertFalse(roles.contains("dr.p1-" + suffix), "another patient's team's clinicians do not appear");
        String requestId = "fhir-dir-denied-" + UUID.randomUUID();
        given().auth().oauth2(PATIENT2).header("X-Request-Id", requestId).queryParam("patientId", "P-1001")
                .get(ROLES).then().statusCode(403).contentType("application/problem+json");
        assertTrue(Outboxes.auditsOfRequest(requestId).stream()
                .anyMatch(a -> a.outcome() == AuditOutcome.DENIED && "P-1001".equals(a.patientId())));
    }

    @Test
    void aCaregiverSeesOnlyTheirGrantedPatientsCareTeams() {
        String caregiver = "cg-fhir-" + suffix;
        String token = Actors.caregiver(caregiver);
        given().auth().oauth2(token).get(SERVICES).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("patientId", "P-1002").get(SERVICES).then().statusCode(403)
                .body("type", endsWith("/proxy-grant-required"));
        Actors.grant(caregiver, "P-1002", "READ");
        Actors.openThread(PATIENT2, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\"}");
        String p1Only = "p1-only-cg-" + suffix;
        Actors.openThread(PATIENT1, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\",\"careTeam\":\"" + p1Only
                + "\"}");
        List<String> granted = teams(token, SERVICES, "P-1002");
        assertTrue(granted.contains("cardiology"), granted.toString());
        assertFalse(granted.contains(p1Only), "a team only P-1001's threads name is not the caregiver's business");
        given().auth().oauth2(token).queryParam("patientId", "P-1001").get(ROLES).then().statusCode(403);
        given().auth().oauth2(token).queryParam("patientId", "bad id!").get(ROLES).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("patientId", "nul\u0000inside").get(SERVICES).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(BILLER).get(SERVICES).then().statusCode(403);
        given().get(ROLES).then().statusCode(401);
    }

    private static List<String> teams(String token, String path, String patientId) {
        var request = given().auth().oauth2(token);
        if (patientId != null) {
            request = request.queryParam("patientId", patientId);
        }
        String json = request.get(path).then().statusCode(200).extract().asString();
        assertValid(json);
        return FHIR.newJsonParser().parseResource(Bundle.class, json).getEntry().stream()
                .map(e -> ((HealthcareService) e.getResource()).getIdentifierFirstRep().getValue()).toList();
    }

    private static void put(String path, String body) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).put("/api/v1/directory" + path)
                .then().statusCode(200);
    }

    private static void assertValid(String json) {
        List<SingleValidationMessage> errors = VALIDATOR.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
        assertTrue(errors.isEmpty(), () -> "invalid FHIR: " + errors.stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList());
    }

    private static FhirValidator validator() {
        ValidationSupportChain chain = new ValidationSupportChain(FHIR.getValidationSupport(),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        return validator;
    }
}
