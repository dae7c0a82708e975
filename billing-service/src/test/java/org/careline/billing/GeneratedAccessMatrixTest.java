package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.events.EventType;
import org.careline.events.MessageTopic;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.ThreadOpened;
import org.careline.events.TimeLogged;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix generated from billing's OpenAPI document, so that it covers every operation, the ones
 * added later included. Patient A (family-medicine) gets a READY charge through the real consumers (thread-opened
 * and time-logged events on Kafka, dr.lee's time; consent and established status as the other tests seed them),
 * a caregiver READ_WRITE grant and an EHR encounter with a diagnosis code; patient B (cardiology) an episode of
 * dr.shah's time. Every actor calls every operation once with A's ids (three passes, since episodes, charges and
 * encounters all name their id {@code id}).
 * <p>
 * The circles, from the README's endpoint table: billing and admins read everything; a clinician reads, read-only,
 * the episodes and charges of their own work (dr.lee A's, dr.shah B's); encounters (with diagnosis codes) are
 * billing's and admins' only; consent belongs to the patient and to a caregiver with a live READ_WRITE grant, who
 * alone may see the patient's id through it. So: A's episode, charge, encounter and thread ids only to billing,
 * admin and dr.lee; A's diagnosis code only to billing and admin; A's patient id also to patient A and the granted
 * caregiver; B's likewise with dr.shah and patient B. No 5xx; every 401/403 left a DENIED audit record for its
 * request id.
 */
@QuarkusTest
@TestProfile(GeneratedAccessMatrixTest.Isolated.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class GeneratedAccessMatrixTest {

    /** A profile of its own: a fresh application and database, so that other tests' charges are not around. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final String PATIENT_A = "P-7301";
    private static final String PATIENT_B = "P-8402";
    private static final String DIAGNOSIS_A = "M54.50";
    private static final String EPISODES = "/api/v1/billing/episodes";

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyActorAgainstEveryOperationLeaksNothingAndEveryRefusalIsAudited() {
        String biller = token("biller1", "billing").groups("/billing-office").sign();
        UUID threadA = UUID.randomUUID();
        UUID threadB = UUID.randomUUID();
        Fixtures.established(PATIENT_A, true);
        Fixtures.consent(PATIENT_A, Instant.now().minus(40, ChronoUnit.DAYS));
        Fixtures.caregiverGrant("cg-matrix-granted", PATIENT_A, "READ_WRITE", Instant.now().plus(30, ChronoUnit.DAYS), null);
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            TestEvents.produce(kafka, opened(threadA, PATIENT_A, "family-medicine", start.minusSeconds(600)),
                    logged(threadA, PATIENT_A, "family-medicine", TestEvents.DR_LEE, start));
            TestEvents.produce(kafka, opened(threadB, PATIENT_B, "cardiology", start.minusSeconds(600)),
                    logged(threadB, PATIENT_B, "cardiology",
                            new Participant("sub-dr.shah", ParticipantRole.CLINICIAN, "MD"), start));
        }
        String episodeA = awaitEpisode(biller, PATIENT_A, "READY");
        String episodeB = awaitEpisode(biller, PATIENT_B, null);
        String chargeA = given().auth().oauth2(biller).queryParam("patientId", PATIENT_A).get("/api/v1/billing/charges")
                .then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
        String encounterA = given().auth().oauth2(biller).contentType(ContentType.JSON).body("""
                        {"externalId":"ehr-enc-matrix-%s","patientId":"%s","date":"%s","kind":"EM_OFFICE_VISIT",
                         "problemCodes":["%s"]}""".formatted(UUID.randomUUID(), PATIENT_A,
                        start.minus(60, ChronoUnit.DAYS).toString().substring(0, 10), DIAGNOSIS_A))
                .post("/api/v1/billing/encounters").then().statusCode(201).extract().path("id");

        Map<String, String> actors = new LinkedHashMap<>();
        actors.put("billing", biller);
        actors.put("admin", token("admin1", "admin").sign());
        actors.put("clinician in team (worked)", token("dr.lee", "clinician").claim("credential", "MD")
                .groups("/care-teams/family-medicine/physicians").sign());
        actors.put("patient (own)", token("patient-a", "patient").claim("patient_id", PATIENT_A)
                .claim("care_team", "family-medicine").sign());
        actors.put("caregiver with grant", token("cg-matrix-granted", "caregiver").sign());
        actors.put("caregiver without grant", token("cg-matrix-none", "caregiver").sign());
        actors.put("other patient", token("patient-b", "patient").claim("patient_id", PATIENT_B)
                .claim("care_team", "cardiology").sign());
        actors.put("clinician in team (no work)", token("rn.ortiz", "clinician").claim("credential", "RN")
                .groups("/care-teams/family-medicine/nurse-pool").sign());
        actors.put("staff in team", token("frontdesk1", "staff").groups("/care-teams/family-medicine/front-desk").sign());
        actors.put("clinician other team", token("dr.shah", "clinician").claim("credential", "MD")
                .groups("/care-teams/cardiology/physicians").sign());
        actors.put("auditor", token("auditor1", "auditor").groups("/compliance").sign());
        actors.put("anonymous", null);

        List<AccessCell> cells = new ArrayList<>(ApiFuzzer.of(base)
                .known("id", episodeA).known("patientId", PATIENT_A)
                .include(op -> !op.path().contains("{id}") || op.path().startsWith(EPISODES))
                .matrix(actors));
        cells.addAll(ApiFuzzer.of(base).known("id", chargeA)
                .include(op -> op.path().startsWith("/api/v1/billing/charges/{id}"))
                .matrix(actors));
        cells.addAll(ApiFuzzer.of(base).known("id", encounterA)
                .include(op -> op.path().startsWith("/api/v1/billing/encounters/{id}"))
                .matrix(actors));
        System.out.println(AccessMatrix.table("billing-service", cells));

        long operations = AccessMatrix.operations(cells);
        assertTrue(operations >= 12, "the matrix covers " + operations + " operations");
        assertTrue(AccessMatrix.refusals(cells) >= 5 * operations, "refusals in the matrix");
        assertEquals(List.of(), AccessMatrix.serverErrors(cells), "no 5xx");
        Set<String> office = Set.of("billing", "admin");
        Set<String> workA = Set.of("billing", "admin", "clinician in team (worked)");
        Set<String> workB = Set.of("billing", "admin", "clinician other team");
        assertEquals(List.of(), AccessMatrix.leaks(cells, office, List.of(DIAGNOSIS_A, encounterA)),
                "A's encounter outside the billing office");
        assertEquals(List.of(), AccessMatrix.leaks(cells, workA, List.of(episodeA, chargeA, threadA.toString())),
                "A's billing data outside billing, admin and the clinician who did the work");
        assertEquals(List.of(), AccessMatrix.leaks(cells, union(workA, "patient (own)", "caregiver with grant"),
                List.of(PATIENT_A)), "A's patient id outside A's circle");
        assertEquals(List.of(), AccessMatrix.leaks(cells, workB, List.of(episodeB, threadB.toString())),
                "B's billing data outside billing, admin and the clinician who did the work");
        assertEquals(List.of(), AccessMatrix.leaks(cells, union(workB, "other patient"), List.of(PATIENT_B)),
                "B's patient id outside B's circle");
        assertEquals(List.of(), AccessMatrix.unaudited(cells, GeneratedAccessMatrixTest::deniedAudited),
                "refusals without a DENIED audit record");
    }

    private static Set<String> union(Set<String> circle, String... actors) {
        Set<String> all = new java.util.HashSet<>(circle);
        all.addAll(List.of(actors));
        return all;
    }

    private static boolean deniedAudited(String requestId) {
        List<AccessRecorded> audits = TestDatabase.auditedAccessesOfRequest(requestId);
        return audits.stream().anyMatch(a -> a.outcome() == AuditOutcome.DENIED);
    }

    /** The id of the patient's only episode once it is decided (with {@code status}, if given). */
    private static String awaitEpisode(String biller, String patientId, String status) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            var response = given().auth().oauth2(biller).queryParam("patientId", patientId).get(EPISODES)
                    .then().statusCode(200).body("items", hasSize(1));
            if (status != null) {
                response.body("items[0].status", equalTo(status));
            }
            id[0] = response.extract().path("items[0].id");
        });
        return id[0];
    }

    private static CloudEvent opened(UUID threadId, String patientId, String careTeam, Instant at) {
        return TestEvents.CODEC.envelope(EventType.THREAD_OPENED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), at, new ThreadOpened(threadId.toString(), patientId, careTeam,
                        MessageTopic.CLINICAL_QUESTION, TestEvents.PATIENT, true, at));
    }

    private static CloudEvent logged(UUID threadId, String patientId, String careTeam, Participant who, Instant at) {
        return TestEvents.CODEC.envelope(EventType.TIME_LOGGED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), at, new TimeLogged(threadId.toString(), "m-" + UUID.randomUUID(), patientId,
                        careTeam, MessageTopic.CLINICAL_QUESTION, who, 25, true, true, at));
    }

    /** A token that outlives a slow run (TestTokens' default lasts five minutes). */
    private static TestTokens.Builder token(String username, String role) {
        return TestTokens.user(username).roles(role).expiresAt(Instant.now().plus(1, ChronoUnit.HOURS).getEpochSecond());
    }
}
