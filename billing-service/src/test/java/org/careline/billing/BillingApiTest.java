package org.careline.billing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.billing.TestEvents.DR_LEE;
import static org.careline.billing.TestEvents.logged;
import static org.careline.billing.TestEvents.newPatient;
import static org.careline.billing.TimeLoggedFlowTest.awaitEpisodes;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The billing API over decided episodes: EHR inputs and their re-evaluation, consent, charges (submit, void),
 * traces, FHIR and CSV exports, who may do what, and problem+json for bad input. Episodes are decided by
 * the real flow (Kafka in, scheduler), with windows that started ten days ago.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class BillingApiTest {

    static final String BILLER = EpisodeResourceTest.BILLER;
    static final String EHR = TestTokens.user("service-account-careline-ehr").roles("staff", "billing")
            .claim("azp", "careline-ehr").sign();
    static final String DR_LEE_TOKEN = EpisodeResourceTest.DR_LEE;
    static final String DR_SHAH = TestTokens.clinician("dr.shah", "MD", "/care-teams/cardiology/physicians");
    static final String FRONT_DESK = TestTokens.user("frontdesk1").roles("staff")
            .groups("/care-teams/family-medicine/front-desk").sign();
    static final String CAREGIVER = TestTokens.user("caregiver1").roles("caregiver").sign();
    private static final ZoneId NY = ZoneId.of("America/New_York");

    private KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aLateEmVisitVoidsAReadyChargeAndTheTraceSaysWhy() {
        String patient = newPatient();
        Instant start = readyEpisode(patient, 14);
        String episodeId = episodeId(patient);
        String chargeId = chargeId(patient);

        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(encounter("late-" + patient, patient, day(start, 3), "EM_OFFICE_VISIT", null))
                .post("/api/v1/billing/encounters")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/billing/encounters/"))
                .body("reevaluated", equalTo(1))
                .body("problemCodes", contains("J45.909"));

        given().auth().oauth2(BILLER).get("/api/v1/billing/charges/{id}", chargeId)
                .then().statusCode(200)
                .body("status", equalTo("VOID"))
                .body("reason", equalTo("EM_VISIT_NEXT_7_DAYS"));
        given().auth().oauth2(BILLER).get("/api/v1/billing/episodes/{id}/trace", episodeId)
                .then().statusCode(200)
                .body("status", equalTo("VOID"))
                .body("steps.find { it.rule == 'exclusion.next-em' }.passed", equalTo(false))
                .body("steps.find { it.rule == 'exclusion.next-em' }.detail", containsString("day 3"));
        // created pending, decided ready by the scheduler, voided by the encounter: each change audited
        assertEquals(List.of("CREATE SUCCESS " + patient, "UPDATE SUCCESS " + patient, "UPDATE SUCCESS " + patient),
                Fixtures.audits("Charge/" + chargeId).stream().filter(a -> !a.startsWith("READ")).toList());
    }

    @Test
    void aSubmittedChargeIsNotReevaluatedAndCanOnlyBeVoidedWithACodedReason() {
        String patient = newPatient();
        Instant start = readyEpisode(patient, 25);
        String chargeId = chargeId(patient);

        given().auth().oauth2(BILLER).post("/api/v1/billing/charges/{id}/submit", chargeId)
                .then().statusCode(200).body("status", equalTo("SUBMITTED")).body("submittedAt", notNullValue());
        given().auth().oauth2(BILLER).post("/api/v1/billing/charges/{id}/submit", chargeId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/invalid-transition"));
        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(encounter("after-submit-" + patient, patient, day(start, 2), "EM_TELEHEALTH_VISIT", null))
                .post("/api/v1/billing/encounters")
                .then().statusCode(201).body("reevaluated", equalTo(0));
        given().auth().oauth2(BILLER).get("/api/v1/billing/charges/{id}", chargeId)
                .then().statusCode(200).body("status", equalTo("SUBMITTED")).body("code", equalTo("99423"));

        // late, assessed time inside the submitted window opens no second e-visit; a later thread is the marker
        UUID marker = UUID.randomUUID();
        TestEvents.produce(kafka, logged(UUID.randomUUID(), patient, DR_LEE, 9, true, true,
                start.plus(3, ChronoUnit.DAYS)), TestEvents.opened(marker, patient, Instant.now()));
        awaitEpisodes(patient, r -> r.body("items.threadIds.flatten()", hasItem(marker.toString())));
        given().auth().oauth2(BILLER).queryParam("patientId", patient).get("/api/v1/billing/charges")
                .then().body("items.id", contains(chargeId)).body("items[0].minutes", equalTo(25));

        given().auth().oauth2(BILLER).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/billing/charges/{id}/void", chargeId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(BILLER).contentType(ContentType.JSON).body("{\"reason\":\"the patient said so\"}")
                .post("/api/v1/billing/charges/{id}/void", chargeId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(BILLER).contentType(ContentType.JSON).body("{\"reason\":\"PAYER_REJECTED\"}")
                .post("/api/v1/billing/charges/{id}/void", chargeId)
                .then().statusCode(200).body("status", equalTo("VOID")).body("voidReason", equalTo("PAYER_REJECTED"));
        given().auth().oauth2(BILLER).queryParam("patientId", patient).get(EpisodeResourceTest.PATH)
                .then().body("items.status", contains("AWAITING_REVIEW", "VOID"));
    }

    @Test
    void consentReleasesAHeldCharge() {
        String patient = newPatient();
        String patientToken = TestTokens.patient("p-" + patient, patient, "family-medicine");
        given().auth().oauth2(EHR).contentType(ContentType.JSON).body("{\"established\":true}")
                .put("/api/v1/billing/patients/{id}/status", patient).then().statusCode(200);
        TestEvents.produce(kafka, logged(UUID.randomUUID(), patient, DR_LEE, 8, true, true,
                Instant.now().minus(10, ChronoUnit.DAYS)));
        awaitEpisodes(patient, r -> r.body("items[0].status", equalTo("HELD")));
        given().auth().oauth2(patientToken).get("/api/v1/billing/consents/me")
                .then().statusCode(404).contentType("application/problem+json");

        given().auth().oauth2(patientToken).contentType(ContentType.JSON).body("{\"textVersion\":\"evisit-2026-01\"}")
                .post("/api/v1/billing/consents")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/billing/consents/me"))
                .body("patientId", equalTo(patient))
                .body("current", equalTo(true))
                .body("validUntil", notNullValue())
                .body("reevaluated", equalTo(1));

        given().auth().oauth2(BILLER).queryParam("patientId", patient).get(EpisodeResourceTest.PATH)
                .then().body("items[0].status", equalTo("READY")).body("items[0].code", equalTo("99421"));
        given().auth().oauth2(patientToken).get("/api/v1/billing/consents/me")
                .then().statusCode(200).body("textVersion", equalTo("evisit-2026-01"));
    }

    @Test
    void theEstablishedStatusArrivingLateMakesANotBillableEpisodeReady() {
        String patient = newPatient();
        Fixtures.consent(patient, Instant.now().minus(3, ChronoUnit.DAYS));
        TestEvents.produce(kafka, logged(UUID.randomUUID(), patient, DR_LEE, 11, true, true,
                Instant.now().minus(10, ChronoUnit.DAYS)));
        awaitEpisodes(patient, r -> r.body("items[0].reason", equalTo("NOT_ESTABLISHED_PATIENT")));

        given().auth().oauth2(BILLER).contentType(ContentType.JSON).body("{\"established\":true}")
                .put("/api/v1/billing/patients/{id}/status", patient)
                .then().statusCode(200).body("established", equalTo(true)).body("reevaluated", equalTo(1));

        given().auth().oauth2(BILLER).queryParam("patientId", patient).get(EpisodeResourceTest.PATH)
                .then().body("items[0].status", equalTo("READY")).body("items[0].code", equalTo("99422"));
    }

    @Test
    void theChargeItemIsValidFhirR4WithoutTelehealthMarkers() {
        String patient = newPatient();
        readyEpisode(patient, 12);
        String chargeId = chargeId(patient);

        String json = given().auth().oauth2(BILLER).get("/api/v1/billing/charges/{id}/fhir", chargeId)
                .then().statusCode(200).contentType("application/fhir+json")
                .extract().asString();

        FhirContext ctx = FhirContext.forR4();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirValidator validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        ValidationResult result = validator.validateWithResult(json);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        assertTrue(errors.isEmpty(), () -> "ChargeItem is not valid R4: " + errors.stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList());

        org.hl7.fhir.r4.model.ChargeItem item = ctx.newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.ChargeItem.class, json);
        assertEquals("billable", item.getStatus().toCode());
        assertEquals("99422", item.getCode().getCodingFirstRep().getCode());
        assertEquals("http://www.ama-assn.org/go/cpt", item.getCode().getCodingFirstRep().getSystem());
        assertEquals(patient, item.getSubject().getIdentifier().getValue());
        assertEquals(List.of("sub-dr.lee"), item.getPerformer().stream()
                .map(p -> p.getActor().getIdentifier().getValue()).toList());
        assertTrue(item.getExtension().isEmpty(), "no extensions (no modifier, no place of service)");
        assertFalse(json.contains("\"95\"") || json.contains("\"02\"") || json.contains("\"10\""),
                "no telehealth modifier or POS");
        assertEquals(List.of("EXPORT SUCCESS " + patient), Fixtures.audits("Charge/" + chargeId).stream()
                .filter(a -> a.startsWith("EXPORT")).toList());
    }

    @Test
    void theCsvListsReadyChargesForTheBillingOffice() {
        String patient = newPatient();
        Instant start = readyEpisode(patient, 5);
        String chargeId = chargeId(patient);

        String csv = given().auth().oauth2(BILLER).get("/api/v1/billing/charges/export.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();

        String[] lines = csv.split("\r\n");
        assertEquals("charge_id,episode_id,patient_id,billing_group,cpt_code,units,minutes,service_from,service_to,"
                + "status,submitted_at", lines[0]);
        String row = List.of(lines).stream().filter(l -> l.startsWith(chargeId)).findFirst().orElseThrow();
        LocalDate from = start.atZone(NY).toLocalDate();
        assertEquals(chargeId + "," + episodeId(patient) + "," + patient + ",family-medicine,99421,1,5," + from + ","
                + from.plusDays(6) + ",READY,", row);
        assertFalse(lines[0].contains("modifier") || lines[0].contains("pos"));
    }

    @Test
    void cliniciansReadOnlyTheirOwnWork() {
        String patient = newPatient();
        readyEpisode(patient, 6);
        String episodeId = episodeId(patient);
        String chargeId = chargeId(patient);

        given().auth().oauth2(DR_LEE_TOKEN).queryParam("patientId", patient).get(EpisodeResourceTest.PATH)
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(DR_LEE_TOKEN).get("/api/v1/billing/episodes/{id}/trace", episodeId)
                .then().statusCode(200).body("code", equalTo("99421"));
        given().auth().oauth2(DR_LEE_TOKEN).queryParam("patientId", patient).get("/api/v1/billing/charges")
                .then().statusCode(200).body("items.id", contains(chargeId));

        given().auth().oauth2(DR_SHAH).queryParam("patientId", patient).get(EpisodeResourceTest.PATH)
                .then().statusCode(200).body("items", empty());
        given().auth().oauth2(DR_SHAH).get("/api/v1/billing/episodes/{id}/trace", episodeId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DR_SHAH).get("/api/v1/billing/charges/{id}", chargeId)
                .then().statusCode(404);
        assertEquals(List.of("READ DENIED " + patient),
                Fixtures.audits("EpisodeTrace/" + episodeId).stream().filter(a -> a.contains("DENIED")).toList());

        given().auth().oauth2(DR_LEE_TOKEN).post("/api/v1/billing/charges/{id}/submit", chargeId)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DR_LEE_TOKEN).get("/api/v1/billing/charges/{id}/fhir", chargeId)
                .then().statusCode(403);
        given().auth().oauth2(FRONT_DESK).contentType(ContentType.JSON)
                .body(encounter("fd-" + patient, patient, LocalDate.now(), "EM_OFFICE_VISIT", null))
                .post("/api/v1/billing/encounters").then().statusCode(403);
    }

    @Test
    void badEhrInputIsAProblem() {
        String patient = newPatient();
        String path = "/api/v1/billing/encounters";
        given().auth().oauth2(EHR).contentType(ContentType.JSON).body("{\"patientId\":\"" + patient + "\"}").post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("externalId"));
        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(encounter("x-" + patient, patient, LocalDate.now(), "EM_OFFICE_VISIT", null)
                        .replace("J45.909", "asthma"))
                .post(path).then().statusCode(400).body("violations[0].message", containsString("ICD-10"));
        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(encounter("x-" + patient, patient, LocalDate.now(), "SURGERY", null))
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(encounter("x-" + patient, patient, LocalDate.now(), "EM_OFFICE_VISIT", LocalDate.now().plusDays(90)))
                .post(path).then().statusCode(400).body("detail", equalTo("Only a PROCEDURE has a global period."));
        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(encounter("x-" + patient, patient, LocalDate.now(), "PROCEDURE", LocalDate.now().minusDays(1)))
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(EHR).contentType(ContentType.JSON).body("{\"externalId\": ").post(path)
                .then().statusCode(400).body("type", endsWith("/malformed-body"));

        String good = encounter("dup-" + patient, patient, LocalDate.now(), "PROCEDURE", LocalDate.now().plusDays(90));
        String location = given().auth().oauth2(EHR).contentType(ContentType.JSON).body(good).post(path)
                .then().statusCode(201).extract().header("Location");
        given().auth().oauth2(EHR).contentType(ContentType.JSON).body(good).post(path)
                .then().statusCode(409).body("type", endsWith("/duplicate-encounter"));
        given().auth().oauth2(BILLER).get(location.substring(location.indexOf("/api/")))
                .then().statusCode(200).body("kind", equalTo("PROCEDURE"));
        given().auth().oauth2(BILLER).get(path + "/not-a-uuid").then().statusCode(404);

        given().auth().oauth2(EHR).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/billing/patients/{id}/status", patient)
                .then().statusCode(400).body("violations.field", hasItem("established"));
        given().auth().oauth2(EHR).contentType(ContentType.JSON).body("{\"established\":true}")
                .put("/api/v1/billing/patients/{id}/status", "P 1; drop")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyThePatientConsents() {
        given().auth().oauth2(CAREGIVER).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"v1\",\"patientId\":\"" + newPatient() + "\"}")
                .post("/api/v1/billing/consents")
                .then().statusCode(403).body("type", endsWith("/proxy-grant-required"));
        given().auth().oauth2(BILLER).contentType(ContentType.JSON).body("{\"textVersion\":\"v1\"}")
                .post("/api/v1/billing/consents").then().statusCode(403);
        given().auth().oauth2(TestTokens.patient("p", newPatient(), "family-medicine")).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"\"}").post("/api/v1/billing/consents")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badChargeQueriesAreProblems() {
        given().auth().oauth2(BILLER).queryParam("status", "PAID").get("/api/v1/billing/charges")
                .then().statusCode(400).body("violations.field", contains("status"));
        given().auth().oauth2(BILLER).queryParam("cursor", "forged").get("/api/v1/billing/charges")
                .then().statusCode(400).body("type", endsWith("/invalid-cursor"));
        given().auth().oauth2(BILLER).get("/api/v1/billing/charges/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(BILLER).post("/api/v1/billing/charges/{id}/submit", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(BILLER).queryParam("status", "PENDING").queryParam("limit", 1)
                .get("/api/v1/billing/charges").then().statusCode(200).body("items.status", not(hasItem("READY")));
        given().get("/api/v1/billing/charges").then().statusCode(401);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** An established, consenting patient with a decided READY episode of {@code minutes}; returns its start. */
    private Instant readyEpisode(String patient, int minutes) {
        Fixtures.established(patient, true);
        Fixtures.consent(patient, Instant.now().minus(40, ChronoUnit.DAYS));
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        TestEvents.produce(kafka, logged(UUID.randomUUID(), patient, DR_LEE, minutes, true, true, start));
        awaitEpisodes(patient, r -> r.body("items[0].status", equalTo("READY")));
        return start;
    }

    private static String episodeId(String patient) {
        return given().auth().oauth2(BILLER).queryParam("patientId", patient).get(EpisodeResourceTest.PATH)
                .then().statusCode(200).extract().path("items[0].id");
    }

    private static String chargeId(String patient) {
        return given().auth().oauth2(BILLER).queryParam("patientId", patient).get("/api/v1/billing/charges")
                .then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
    }

    private static LocalDate day(Instant start, int daysAfter) {
        return start.atZone(NY).toLocalDate().plusDays(daysAfter);
    }

    private static String encounter(String externalId, String patient, LocalDate date, String kind,
                                    LocalDate globalEnd) {
        return "{\"externalId\":\"" + externalId + "\",\"patientId\":\"" + patient + "\",\"date\":\"" + date
                + "\",\"kind\":\"" + kind + "\",\"problemCodes\":[\"J45.909\"]"
                + (globalEnd == null ? "" : ",\"globalPeriodEnd\":\"" + globalEnd + "\"") + "}";
    }
}
