package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.careline.testsupport.fuzz.AccessMatrix;
import org.careline.testsupport.fuzz.ApiFuzzer;
import org.careline.testsupport.fuzz.ApiFuzzer.AccessCell;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix generated from audit's OpenAPI document, so that it covers every operation, the ones
 * added later included. Access records about patient A (family-medicine) and patient B (cardiology) come in
 * through the real consumer (access-recorded events on Kafka, as the services' outbox relays publish them), and
 * dr.lee breaks the glass for patient A through the API. Every actor calls every operation once with A's ids.
 * <p>
 * The circles, from the README and {@link AuthorizationMatrixTest}: only auditors query the trail, its FHIR view,
 * disclosures, chain verification and break-glass grants; a patient reads their own access log (who, what kind,
 * why: no ids); the clinician a grant was given to reads that grant. So: the identifiers inside A's records
 * (accessor, resource and request ids) only to the auditor; A's patient id and the break-glass reason to the
 * auditor, patient A and dr.lee; B's patient id to the auditor and patient B. No 5xx; every 401/403 left a DENIED
 * audit record for its request id: audit-service audits refusals like every service, through its outbox (then
 * into its own store).
 */
@QuarkusTest
@TestProfile(GeneratedAccessMatrixTest.Isolated.class)
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class GeneratedAccessMatrixTest {

    /** A profile of its own: a fresh application and database, so that other tests' records are not around. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final String PATIENT_A = "P-7301";
    private static final String PATIENT_B = "P-8402";
    private static final String REASON = "Unconscious in the emergency department, matrix reason";

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyActorAgainstEveryOperationLeaksNothingAndEveryRefusalIsAudited() {
        String auditor = token("auditor1", "auditor").groups("/compliance").sign();
        String clinicianA = token("dr.lee", "clinician").claim("credential", "MD")
                .groups("/care-teams/family-medicine/physicians").sign();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        AccessRecorded recordA = new AccessRecorded("messaging-service", "sub-dr.matrix-a", "dr.matrix-a", "clinician",
                "careline-web", "10.0.4.17", AuditAction.READ, "Thread", UUID.randomUUID().toString(), PATIENT_A,
                "TREAT", AuditOutcome.SUCCESS, "req-matrix-" + UUID.randomUUID(), at);
        AccessRecorded recordB = new AccessRecorded("messaging-service", "sub-dr.matrix-b", "dr.matrix-b", "clinician",
                "careline-web", "10.0.4.18", AuditAction.READ, "Thread", UUID.randomUUID().toString(), PATIENT_B,
                "TREAT", AuditOutcome.SUCCESS, "req-matrix-" + UUID.randomUUID(), at);
        AuditFixtures.publish(AuditFixtures.event(recordA), AuditFixtures.event(recordB));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                AuditFixtures.search(auditor, Map.of("userId", "sub-dr.matrix-b")).then().statusCode(200)
                        .body("items.requestId", hasItem(recordB.requestId())));
        AuditFixtures.search(auditor, Map.of("userId", "sub-dr.matrix-a")).then().statusCode(200)
                .body("items.requestId", hasItem(recordA.requestId()));
        String grant = given().auth().oauth2(clinicianA).contentType(ContentType.JSON)
                .body(Map.of("patientId", PATIENT_A, "reason", REASON)).post("/api/v1/audit/break-glass")
                .then().statusCode(201).extract().path("grantId");

        Map<String, String> actors = new LinkedHashMap<>();
        actors.put("auditor", auditor);
        actors.put("patient (own)", token("patient-a", "patient").claim("patient_id", PATIENT_A)
                .claim("care_team", "family-medicine").sign());
        actors.put("clinician in team (grant holder)", clinicianA);
        actors.put("other patient", token("patient-b", "patient").claim("patient_id", PATIENT_B)
                .claim("care_team", "cardiology").sign());
        actors.put("caregiver", token("cg-matrix", "caregiver").sign());
        actors.put("staff in team", token("frontdesk1", "staff").groups("/care-teams/family-medicine/front-desk").sign());
        actors.put("clinician other team", token("dr.shah", "clinician").claim("credential", "MD")
                .groups("/care-teams/cardiology/physicians").sign());
        actors.put("billing", token("biller1", "billing").groups("/billing-office").sign());
        actors.put("admin", token("admin1", "admin").sign());
        actors.put("anonymous", null);

        List<AccessCell> cells = ApiFuzzer.of(base)
                .known("id", grant).known("patientId", PATIENT_A).known("chainId", "careline.audit.records/0")
                .matrix(actors);
        System.out.println(AccessMatrix.table("audit-service", cells));

        long operations = AccessMatrix.operations(cells);
        assertTrue(operations >= 9, "the matrix covers " + operations + " operations");
        assertTrue(AccessMatrix.refusals(cells) >= 5 * operations, "refusals in the matrix");
        assertEquals(List.of(), AccessMatrix.serverErrors(cells), "no 5xx");
        assertEquals(List.of(), AccessMatrix.leaks(cells, Set.of("auditor"), List.of(recordA.userId(),
                recordA.resourceId(), recordA.requestId(), recordB.userId(), recordB.resourceId(), recordB.requestId())),
                "the records' identifiers outside the auditor");
        assertEquals(List.of(), AccessMatrix.leaks(cells, Set.of("auditor", "patient (own)",
                "clinician in team (grant holder)"), List.of(PATIENT_A, REASON, grant)), "A's data outside A's circle");
        assertEquals(List.of(), AccessMatrix.leaks(cells, Set.of("auditor", "other patient"), List.of(PATIENT_B)),
                "B's patient id outside B's circle");
        assertEquals(List.of(), AccessMatrix.unaudited(cells, GeneratedAccessMatrixTest::deniedAudited),
                "refusals without a DENIED audit record");
    }

    private static boolean deniedAudited(String requestId) {
        List<AccessRecorded> audits = TestDatabase.auditedAccessesOfRequest(requestId);
        return audits.stream().anyMatch(a -> a.outcome() == AuditOutcome.DENIED);
    }

    /** A token that outlives a slow run (TestTokens' default lasts five minutes). */
    private static TestTokens.Builder token(String username, String role) {
        return TestTokens.user(username).roles(role).expiresAt(Instant.now().plus(1, ChronoUnit.HOURS).getEpochSecond());
    }
}
