package org.careline.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestOidcResource;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.CLINICIAN;
import static org.careline.audit.AuditFixtures.access;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.newPatientId;
import static org.careline.audit.AuditFixtures.publish;
import static org.careline.audit.AuditFixtures.read;
import static org.careline.audit.AuditFixtures.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FHIR R4 AuditEvent export is valid per the HAPI FHIR validator and carries BALP's patient entity. */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class FhirAuditEventExportTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static FhirValidator validator;

    @BeforeAll
    static void validator() {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }

    @Test
    void theExportOfAPatientsEventsIsValidFhirWithThePatientEntity() {
        String patient = newPatientId("P-fhir");
        CloudEvent read = event(read(patient, "sub-dr.lee", Instant.parse("2026-11-23T10:00:00Z")));
        CloudEvent denied = event(access(patient, "sub-rn.ortiz", AuditAction.UPDATE, AuditOutcome.DENIED,
                Instant.parse("2026-11-23T10:01:00Z")));
        publish(read, denied);
        // a break-the-glass grant for the same patient: its audit record comes back through the outbox and Kafka
        given().auth().oauth2(CLINICIAN).contentType("application/json")
                .body(Map.of("patientId", patient, "reason", "Unresponsive in the emergency department"))
                .post("/api/v1/audit/break-glass").then().statusCode(201);
        DisclosureTest.awaitStored(patient, "Thread", 2);
        DisclosureTest.awaitStored(patient, "BreakGlassGrant", 1);

        String json = given().auth().oauth2(AUDITOR).queryParam("patientId", patient).queryParam("limit", "200")
                .get("/api/v1/audit/fhir/AuditEvent")
                .then().statusCode(200).contentType("application/fhir+json").extract().asString();

        List<SingleValidationMessage> problems = errors(json);
        assertTrue(problems.isEmpty(), () -> "FHIR validation errors: " + problems);

        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
        assertEquals(Bundle.BundleType.SEARCHSET, bundle.getType());
        assertEquals(3, bundle.getEntry().size());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            AuditEvent event = (AuditEvent) entry.getResource();
            AuditEvent.AuditEventEntityComponent patientEntity = event.getEntity().stream()
                    .filter(e -> "1".equals(e.getRole().getCode()) && "1".equals(e.getType().getCode()))
                    .findFirst().orElseThrow(() -> new AssertionError("no patient entity"));
            assertEquals("Patient/" + patient, patientEntity.getWhat().getReference());
            assertTrue(event.getAgentFirstRep().getRequestor());
        }
        // newest first: the break-the-glass grant (DICOM security alert, emergency override, ETREAT), the denial, the read
        AuditEvent grant = (AuditEvent) bundle.getEntry().get(0).getResource();
        assertEquals("110113", grant.getType().getCode());
        assertEquals("110127", grant.getSubtypeFirstRep().getCode());
        assertEquals("ETREAT", grant.getPurposeOfEventFirstRep().getCodingFirstRep().getCode());
        AuditEvent refused = (AuditEvent) bundle.getEntry().get(1).getResource();
        assertEquals("urn:uuid:" + denied.id(), bundle.getEntry().get(1).getFullUrl());
        assertEquals(AuditEvent.AuditEventOutcome._4, refused.getOutcome());
        assertEquals(AuditEvent.AuditEventAction.U, refused.getAction());
        assertEquals("urn:uuid:" + read.id(), bundle.getEntry().get(2).getFullUrl());
        assertEquals("read", ((AuditEvent) bundle.getEntry().get(2).getResource()).getSubtypeFirstRep().getCode());
    }

    @Test
    void theNextLinkPagesOn() {
        String patient = newPatientId("P-fhir-pages");
        CloudEvent first = event(read(patient, "sub-dr.lee", Instant.parse("2026-11-23T10:00:00Z")));
        CloudEvent second = event(read(patient, "sub-dr.lee", Instant.parse("2026-11-23T10:05:00Z")));
        publish(first, second);
        DisclosureTest.awaitStored(patient, "Thread", 2);

        String json = given().auth().oauth2(AUDITOR).queryParam("patientId", patient).queryParam("resourceType", "Thread")
                .queryParam("limit", "1").get("/api/v1/audit/fhir/AuditEvent").then().statusCode(200).extract().asString();
        Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, json);
        assertEquals("urn:uuid:" + second.id(), page.getEntryFirstRep().getFullUrl());
        assertNotNull(page.getLink("next"), "a second event follows");

        String rest = given().auth().oauth2(AUDITOR).get(page.getLink("next").getUrl()).then().statusCode(200)
                .extract().asString();
        Bundle last = FHIR.newJsonParser().parseResource(Bundle.class, rest);
        assertEquals(1, last.getEntry().size());
        assertEquals("urn:uuid:" + first.id(), last.getEntryFirstRep().getFullUrl());
        assertTrue(json.contains("\"id\":\"" + second.id() + "\""), "the AuditEvent id is the event id");
        assertEquals(null, last.getLink("next"));
        assertTrue(errors(rest).isEmpty());
    }

    private static List<SingleValidationMessage> errors(String json) {
        return validator.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    @Test
    void onlyAuditorsExportAndTheExportIsAudited() {
        String patient = newPatientId("P-fhir-denied");
        given().auth().oauth2(CLINICIAN).queryParam("patientId", patient).get("/api/v1/audit/fhir/AuditEvent")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).queryParam("patientId", patient).get("/api/v1/audit/fhir/AuditEvent")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath page = search(AUDITOR, Map.of("patientId", patient, "action", "EXPORT")).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(List.of("SUCCESS", "DENIED"), page.getList("items.outcome"));
        });
    }
}
