package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.newPatientId;
import static org.careline.audit.AuditFixtures.publish;
import static org.careline.audit.AuditFixtures.search;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

/** Accounting of disclosures (auditors) and the patient's own "who viewed my data" (own data only). */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class DisclosureTest {

    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void auditorsSeeWhoAccessedAPatientsDataWhenAndWhy() {
        String patient = newPatientId("P-disclosed");
        publishAccesses(patient);
        awaitStored(patient, "Thread", 5);

        given().auth().oauth2(AUDITOR).queryParam("patientId", patient).get("/api/v1/audit/disclosures")
                .then().statusCode(200)
                // successful accesses by others only, newest first: not the patient's own, not the denied one
                .body("items.username", contains("biller1", "dr.shah", "dr.lee"))
                .body("items.role", contains("billing", "clinician", "clinician"))
                .body("items.purposeOfUse", contains("HPAYMT", "ETREAT", "TREAT"))
                .body("items.breakGlass", contains(false, true, false))
                .body("items.service", everyItem(equalTo("messaging-service")));
        given().auth().oauth2(AUDITOR).get("/api/v1/audit/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("patientId"));
        // the look itself is audited
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "action", "QUERY")).then().statusCode(200)
                        .body("items.resourceType", hasItem("Disclosure")));
    }

    @Test
    void aPatientSeesWhoViewedTheirDataAndOnlyTheirs() {
        String patient = newPatientId("P-own");
        String other = newPatientId("P-someone-else");
        publishAccesses(patient);
        publish(event(access(other, "sub-dr.lee", "dr.lee", "clinician", "TREAT", AuditOutcome.SUCCESS, T)));
        awaitStored(patient, "Thread", 5);
        String token = TestTokens.patient("patient-" + UUID.randomUUID(), patient, "family-medicine");

        // (waited for in the database: an auditor's search by this patient would show up here too)
        given().auth().oauth2(token).get("/api/v1/audit/my-access-log")
                .then().statusCode(200)
                .body("items", hasSize(3))
                // the default presentation shows roles, never usernames
                .body("items.who", contains("the billing office", "a clinician", "a clinician"))
                .body("items.why", contains("billing", "emergency care", "your care"))
                .body("items.emergency", contains(false, true, false))
                .body(not(containsString("dr.lee")))
                .body(not(containsString(other)));
        // a patient cannot ask for someone else's: the patient id comes from the token only
        given().auth().oauth2(token).queryParam("patientId", other).get("/api/v1/audit/my-access-log")
                .then().statusCode(200).body("items", hasSize(3));
        // a patient token without a patient id claim is refused
        String noClaim = TestTokens.user("patient-x").roles("patient").sign();
        given().auth().oauth2(noClaim).get("/api/v1/audit/my-access-log").then().statusCode(403)
                .contentType("application/problem+json");
    }

    /** Five accesses to {@code patient}: three successful by staff (one break-the-glass), the patient's own, a denial. */
    private static void publishAccesses(String patient) {
        publish(event(access(patient, "sub-dr.lee", "dr.lee", "clinician", "TREAT", AuditOutcome.SUCCESS, T)),
                event(access(patient, "sub-dr.shah", "dr.shah", "clinician", "ETREAT", AuditOutcome.SUCCESS, T.plusSeconds(60))),
                event(access(patient, "sub-biller1", "biller1", "billing", "HPAYMT", AuditOutcome.SUCCESS, T.plusSeconds(120))),
                event(access(patient, "sub-patient", "patient1", "patient", "PATRQT", AuditOutcome.SUCCESS, T.plusSeconds(180))),
                event(access(patient, "sub-np.kim", "np.kim", "clinician", "TREAT", AuditOutcome.DENIED, T.plusSeconds(240))));
    }

    private static AccessRecorded access(String patient, String userId, String username, String role, String purpose,
                                         AuditOutcome outcome, Instant at) {
        return new AccessRecorded("messaging-service", userId, username, role, "careline-web", "10.0.4.17",
                AuditAction.READ, "Thread", UUID.randomUUID().toString(), patient, purpose, outcome,
                "req-" + UUID.randomUUID(), at);
    }

    /** Waits in the database, not through the API: an auditor's search by patient would itself be a disclosure. */
    static void awaitStored(String patient, String resourceType, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection db = TestDatabase.connect();
                 PreparedStatement select = db.prepareStatement(
                         "select count(*) from audit_record where patient_id = ? and resource_type = ?")) {
                select.setString(1, patient);
                select.setString(2, resourceType);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == count;
                }
            }
        });
    }
}
