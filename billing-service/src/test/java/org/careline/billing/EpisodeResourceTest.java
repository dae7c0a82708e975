package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may query billing episodes, and how bad queries are refused. Rows are seeded with SQL. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class EpisodeResourceTest {

    static final String BILLER = TestTokens.user("biller1").roles("billing").groups("/billing-office").sign();
    static final String ADMIN = TestTokens.user("admin1").roles("admin").sign();
    static final String PATIENT1 = TestTokens.patient("patient1", "P-1001", "family-medicine");
    static final String DR_LEE = TestTokens.clinician("dr.lee", "MD", "/care-teams/family-medicine/physicians");
    static final String PATH = "/api/v1/billing/episodes";

    private static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void billingReadsAPatientsEpisodesNewestFirstAndTheQueryIsAudited() {
        String patient = newPatient();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID older = Fixtures.episode(patient, "AWAITING_REVIEW", t);
        UUID newer = Fixtures.episode(patient, "PENDING", t.plusSeconds(60));
        Fixtures.episode(newPatient(), "AWAITING_REVIEW", t);

        given().auth().oauth2(BILLER).queryParam("patientId", patient).get(PATH)
                .then().statusCode(200)
                .body("items.id", contains(newer.toString(), older.toString()))
                .body("items[1].patientId", equalTo(patient))
                .body("items[1].status", equalTo("AWAITING_REVIEW"))
                .body("items[1].threadIds", hasSize(1))
                .body("items[1].openedAt", nullValue())
                .body("items[1].totalMinutes", equalTo(0))
                .body("items[1].code", nullValue())
                .body("nextCursor", nullValue());

        assertEquals(List.of("QUERY SUCCESS " + patient), Fixtures.audits("Episode/patientId=" + patient));
    }

    @Test
    void adminMayQueryToo() {
        String patient = newPatient();
        Fixtures.episode(patient, "AWAITING_REVIEW", Instant.now());

        given().auth().oauth2(ADMIN).queryParam("patientId", patient).get(PATH)
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void theStatusFilterNarrowsTheList() {
        String patient = newPatient();
        Instant t = Instant.now();
        Fixtures.episode(patient, "AWAITING_REVIEW", t);
        UUID pending = Fixtures.episode(patient, "PENDING", t.plusSeconds(1));

        given().auth().oauth2(BILLER).queryParam("patientId", patient).queryParam("status", "PENDING").get(PATH)
                .then().statusCode(200).body("items.id", contains(pending.toString()));
        given().auth().oauth2(BILLER).queryParam("patientId", patient).queryParam("status", "VOID").get(PATH)
                .then().statusCode(200).body("items", empty());
        assertEquals(List.of("QUERY SUCCESS " + patient),
                Fixtures.audits("Episode/patientId=" + patient + "&status=PENDING"));
    }

    @Test
    void limitsAtTheEdgesAreAccepted() {
        given().auth().oauth2(BILLER).queryParam("patientId", "P-1001").queryParam("limit", "1").get(PATH)
                .then().statusCode(200);
        given().auth().oauth2(BILLER).queryParam("patientId", "P-1001").queryParam("limit", "200").get(PATH)
                .then().statusCode(200);
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        String patient = newPatient();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID first = Fixtures.episode(patient, "AWAITING_REVIEW", t);
        UUID second = Fixtures.episode(patient, "AWAITING_REVIEW", t.plusSeconds(1));
        UUID third = Fixtures.episode(patient, "AWAITING_REVIEW", t.plusSeconds(2));

        Response page1 = given().auth().oauth2(BILLER).queryParam("patientId", patient).queryParam("limit", 2).get(PATH);
        page1.then().statusCode(200)
                .body("items.id", contains(third.toString(), second.toString()))
                .body("nextCursor", notNullValue());
        given().auth().oauth2(BILLER).queryParam("patientId", patient).queryParam("limit", 2)
                .queryParam("cursor", page1.path("nextCursor").toString()).get(PATH)
                .then().statusCode(200)
                .body("items.id", contains(first.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void patientsAndStaffAreForbidden() {
        given().auth().oauth2(PATIENT1).queryParam("patientId", "P-1001").get(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("frontdesk1").roles("staff").sign()).queryParam("patientId", "P-1001")
                .get(PATH).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aClinicianSeesNoEpisodeTheyDidNotWorkOn() {
        String patient = newPatient();
        Fixtures.episode(patient, "AWAITING_REVIEW", Instant.now());

        given().auth().oauth2(DR_LEE).queryParam("patientId", patient).get(PATH)
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void noTokenIs401() {
        given().queryParam("patientId", "P-1001").get(PATH)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aMissingPatientIdIs400WithItsViolation() {
        given().auth().oauth2(BILLER).get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation-failed"))
                .body("violations.field", contains("patientId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "P 1001; drop table", "P-1001-this-patient-id-is-far-too-long-to-be-a-real-patient-identifier"})
    void aBlankOversizeOrMalformedPatientIdIs400(String patientId) {
        given().auth().oauth2(BILLER).queryParam("patientId", patientId).get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("patientId"));
    }

    @Test
    void anUnknownStatusIs400() {
        given().auth().oauth2(BILLER).queryParam("patientId", "P-1001").queryParam("status", "PAID").get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "ten", "1.5", "007"})
    void aLimitOutOfRangeIs400(String limit) {
        given().auth().oauth2(BILLER).queryParam("patientId", "P-1001").queryParam("limit", limit).get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("limit"));
    }

    @Test
    void aForgedCursorIs400() {
        given().auth().oauth2(BILLER).queryParam("patientId", "P-1001").queryParam("cursor", "not-a-cursor").get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-cursor"))
                .body("status", equalTo(400));
    }

    @Test
    void theOpenApiDocumentDescribesEveryBillingOperationWithExamples() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/v1/billing/episodes", "/api/v1/billing/episodes/{id}/trace",
                "/api/v1/billing/charges", "/api/v1/billing/charges/{id}/submit", "/api/v1/billing/charges/{id}/void",
                "/api/v1/billing/charges/{id}/fhir", "/api/v1/billing/charges/export.csv", "/api/v1/billing/encounters",
                "/api/v1/billing/patients/{patientId}/status", "/api/v1/billing/consents",
                "/api/v1/billing/consents/me")) {
            assertTrue(doc.contains("\"" + path + "\""), "OpenAPI lacks " + path);
        }
        assertTrue(doc.contains("procedure with 90-day global period"));
        assertTrue(doc.contains("CONSENT_MISSING"));
    }

    @Test
    void theStatusPatternNamesExactlyTheStatuses() {
        assertEquals(Arrays.stream(EpisodeStatus.values()).map(Enum::name).collect(Collectors.joining("|")),
                EpisodeStatus.NAMES);
        assertEquals(Arrays.stream(ChargeStatus.values()).map(Enum::name).collect(Collectors.joining("|")),
                ChargeStatus.NAMES);
    }
}
