package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.careline.billing.TestEvents.newPatient;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A caregiver records and reads a patient's consent under a live READ_WRITE proxy grant; an expired, revoked or
 * READ-only grant (or none) is a 403 audited DENIED. Grants are seeded as the consumer stores them.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class CaregiverConsentTest {

    static final String PATH = "/api/v1/billing/consents";
    private static final Instant NOW = Instant.now();

    @Test
    void aLiveReadWriteGrantLetsTheCaregiverRecordAndReadConsent() {
        String patient = newPatient();
        String caregiver = "cg-live-" + patient;
        Fixtures.caregiverGrant(caregiver, patient, "READ_WRITE", NOW.plus(30, ChronoUnit.DAYS), null);
        String token = caregiverToken(caregiver);

        given().auth().oauth2(token).queryParam("patientId", patient).get(PATH + "/me")
                .then().statusCode(404).contentType("application/problem+json");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"evisit-2026-01\",\"patientId\":\"" + patient + "\"}").post(PATH)
                .then().statusCode(201)
                .header("Location", endsWith(PATH + "/me?patientId=" + patient))
                .body("patientId", equalTo(patient))
                .body("current", equalTo(true))
                .extract().path("id");
        given().auth().oauth2(token).queryParam("patientId", patient).get(PATH + "/me")
                .then().statusCode(200).body("id", equalTo(id)).body("textVersion", equalTo("evisit-2026-01"));
        // the patient sees the consent their caregiver recorded
        given().auth().oauth2(TestTokens.patient("p-" + patient, patient, "family-medicine")).get(PATH + "/me")
                .then().statusCode(200).body("id", equalTo(id));

        assertEquals(List.of("CREATE SUCCESS " + patient), Fixtures.audits("Consent/" + id));
        assertEquals(List.of("READ SUCCESS " + patient, "READ SUCCESS " + patient, "READ SUCCESS " + patient),
                Fixtures.audits("Consent/patientId=" + patient));
        assertEquals("caregiver", recorderRole(id));
    }

    @Test
    void anExpiredGrantIsRefused() {
        String patient = newPatient();
        String caregiver = "cg-expired-" + patient;
        Fixtures.caregiverGrant(caregiver, patient, "READ_WRITE", NOW.minus(1, ChronoUnit.HOURS), null);
        assertRefused(caregiver, patient);
    }

    @Test
    void aRevokedGrantIsRefused() {
        String patient = newPatient();
        String caregiver = "cg-revoked-" + patient;
        Fixtures.caregiverGrant(caregiver, patient, "READ_WRITE", NOW.plus(30, ChronoUnit.DAYS),
                NOW.minus(1, ChronoUnit.MINUTES));
        assertRefused(caregiver, patient);
    }

    @Test
    void aReadOnlyGrantIsRefused() {
        String patient = newPatient();
        String caregiver = "cg-read-" + patient;
        Fixtures.caregiverGrant(caregiver, patient, "READ", NOW.plus(30, ChronoUnit.DAYS), null);
        assertRefused(caregiver, patient);
    }

    @Test
    void aGrantForAnotherPatientOrCaregiverDoesNotCount() {
        String patient = newPatient();
        Fixtures.caregiverGrant("cg-other", patient, "READ_WRITE", NOW.plus(30, ChronoUnit.DAYS), null);
        Fixtures.caregiverGrant("cg-mine-" + patient, newPatient(), "READ_WRITE", NOW.plus(30, ChronoUnit.DAYS), null);
        assertRefused("cg-mine-" + patient, patient);
    }

    @Test
    void aCaregiverMustNameThePatientAndAPatientOnlyThemselves() {
        String patient = newPatient();
        given().auth().oauth2(caregiverToken("cg-noname")).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"v1\"}").post(PATH)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(caregiverToken("cg-noname")).get(PATH + "/me")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(caregiverToken("cg-noname")).queryParam("patientId", "P 1").get(PATH + "/me")
                .then().statusCode(400).contentType("application/problem+json");

        String other = newPatient();
        given().auth().oauth2(TestTokens.patient("p-" + patient, patient, "family-medicine")).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"v1\",\"patientId\":\"" + other + "\"}").post(PATH)
                .then().statusCode(403).body("type", endsWith("/forbidden"));
        assertEquals(List.of("CREATE DENIED " + other), Fixtures.audits("Consent/patientId=" + other));
    }

    private static void assertRefused(String caregiver, String patient) {
        String token = caregiverToken(caregiver);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"v1\",\"patientId\":\"" + patient + "\"}").post(PATH)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/proxy-grant-required"));
        given().auth().oauth2(token).queryParam("patientId", patient).get(PATH + "/me")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/proxy-grant-required"));
        assertEquals(List.of("CREATE DENIED " + patient, "READ DENIED " + patient),
                Fixtures.audits("Consent/patientId=" + patient));
        assertEquals(0L, consents(patient));
    }

    static String caregiverToken(String username) {
        return TestTokens.user(username).roles("caregiver").sign();
    }

    private static long consents(String patient) {
        return Fixtures.count("select count(*) from consent where patient_id = ?", patient);
    }

    private static String recorderRole(String id) {
        return Fixtures.text("select recorder_role from consent where id = ?::uuid", id);
    }
}
