package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.MessageTopic;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix generated from triage's OpenAPI document, so that it covers every operation, the ones
 * added later included. Two patients' messages are triaged through the real consumer (a {@code message-posted}
 * event on Kafka): patient A of family-medicine, whose thread, item and queue are the matrix's known ids, and
 * patient B of cardiology. Every actor then calls every operation once with A's ids.
 * <p>
 * The circles, from the README's Work API: a patient's triage record and queue item (with the patient id) are
 * seen by the clinicians and staff of the patient's care team only; patients, caregivers, billing and auditors get
 * 403, another team's item answers 404. The thread and message ids also reach admins through the feedback export
 * (corrections, no patient id); workload analytics carry neither. Message text reaches no one: triage never
 * returns it. So: A's patient id only to A's team, A's ids only to A's team and admin, B's likewise with B's team,
 * the text to no one; no 5xx; every 401/403 left a DENIED audit record for its request id.
 */
@QuarkusTest
@TestProfile(GeneratedAccessMatrixTest.Isolated.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class GeneratedAccessMatrixTest {

    /** A profile of its own: a fresh application and database, so that other tests' items are not around. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final String PATIENT_A = "P-7301";
    private static final String PATIENT_B = "P-8402";
    private static final String TEXT_A = "Since Quillonex my chest feels tight at night and I am short of breath";
    private static final String TEXT_B = "Could you refill my Varmodine prescription before Friday";

    @TestHTTPResource("/")
    URI base;

    private final EventCodec codec = new EventCodec();

    @Test
    void everyActorAgainstEveryOperationLeaksNothingAndEveryRefusalIsAudited() {
        UUID threadA = UUID.randomUUID();
        UUID threadB = UUID.randomUUID();
        String messageA = "m-matrix-" + UUID.randomUUID();
        String messageB = "m-matrix-" + UUID.randomUUID();
        String clinicianA = token("dr.lee", "clinician").claim("credential", "MD")
                .groups("/care-teams/family-medicine/physicians").sign();
        String clinicianB = token("dr.shah", "clinician").claim("credential", "MD")
                .groups("/care-teams/cardiology/physicians").sign();
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            produce(kafka, posted(threadA, messageA, PATIENT_A, "family-medicine", TEXT_A));
            produce(kafka, posted(threadB, messageB, PATIENT_B, "cardiology", TEXT_B));
        }
        JsonPath recordA = awaitItem(clinicianA, threadA);
        JsonPath recordB = awaitItem(clinicianB, threadB);
        String itemA = recordA.getString("queueItem.id");
        String itemB = recordB.getString("queueItem.id");

        Map<String, String> actors = new LinkedHashMap<>();
        actors.put("clinician in team", clinicianA);
        actors.put("staff in team", token("frontdesk1", "staff").groups("/care-teams/family-medicine/front-desk").sign());
        actors.put("patient (own)", token("patient-a", "patient").claim("patient_id", PATIENT_A)
                .claim("care_team", "family-medicine").sign());
        actors.put("other patient", token("patient-b", "patient").claim("patient_id", PATIENT_B)
                .claim("care_team", "cardiology").sign());
        actors.put("caregiver", token("cg-matrix", "caregiver").sign());
        actors.put("clinician other team", clinicianB);
        actors.put("staff other team", token("frontdesk2", "staff").groups("/care-teams/cardiology/front-desk").sign());
        actors.put("billing", token("biller1", "billing").groups("/billing-office").sign());
        actors.put("auditor", token("auditor1", "auditor").groups("/compliance").sign());
        actors.put("admin", token("admin1", "admin").sign());
        actors.put("anonymous", null);
        Set<String> teamA = Set.of("clinician in team", "staff in team");
        Set<String> teamB = Set.of("clinician other team", "staff other team");

        List<AccessCell> cells = ApiFuzzer.of(base)
                .known("threadId", threadA.toString())
                .known("itemId", itemA)
                .known("queue", recordA.getString("queueItem.queue"))
                .known("careTeam", "family-medicine")
                .matrix(actors);
        System.out.println(AccessMatrix.table("triage-service", cells));

        long operations = AccessMatrix.operations(cells);
        assertTrue(operations >= 15, "the matrix covers " + operations + " operations");
        assertTrue(AccessMatrix.refusals(cells) >= 5 * operations, "refusals in the matrix");
        assertEquals(List.of(), AccessMatrix.serverErrors(cells), "no 5xx");
        assertEquals(List.of(), AccessMatrix.leaks(cells, teamA, List.of(PATIENT_A)), "A's patient id outside A's team");
        assertEquals(List.of(), AccessMatrix.leaks(cells, union(teamA, "admin"), List.of(threadA.toString(), itemA, messageA)),
                "A's ids outside A's team and admin");
        assertEquals(List.of(), AccessMatrix.leaks(cells, teamB, List.of(PATIENT_B)), "B's patient id outside B's team");
        assertEquals(List.of(), AccessMatrix.leaks(cells, union(teamB, "admin"), List.of(threadB.toString(), itemB, messageB)),
                "B's ids outside B's team and admin");
        assertEquals(List.of(), AccessMatrix.leaks(cells, Set.of(), List.of("Quillonex", "Varmodine")),
                "message text in a response");
        assertEquals(List.of(), AccessMatrix.unaudited(cells, GeneratedAccessMatrixTest::deniedAudited),
                "refusals without a DENIED audit record");
    }

    private static Set<String> union(Set<String> circle, String actor) {
        return java.util.stream.Stream.concat(circle.stream(), java.util.stream.Stream.of(actor))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static boolean deniedAudited(String requestId) {
        List<AccessRecorded> audits = TestDatabase.auditedAccessesOfRequest(requestId);
        return audits.stream().anyMatch(a -> a.outcome() == AuditOutcome.DENIED);
    }

    /** The triage record of a thread once the consumer has queued it, as the team's clinician sees it. */
    private static JsonPath awaitItem(String clinician, UUID threadId) {
        JsonPath[] record = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath found = given().auth().oauth2(clinician).get(TriageResourceTest.PATH, threadId.toString())
                    .then().statusCode(200).extract().jsonPath();
            assertTrue(found.getString("queueItem.id") != null, "queued");
            record[0] = found;
        });
        return record[0];
    }

    private CloudEvent posted(UUID threadId, String messageId, String patientId, String careTeam, String body) {
        Instant now = Instant.now();
        Participant author = new Participant("sub-" + patientId, ParticipantRole.PATIENT, null);
        MessagePosted payload = new MessagePosted(threadId.toString(), messageId, patientId, careTeam,
                MessageTopic.CLINICAL_QUESTION, author, true, true, "question", body, now);
        return codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), now, payload);
    }

    private void produce(KafkaCompanion kafka, CloudEvent event) {
        kafka.produceStrings().fromRecords(RelayedEvents.record(Topics.MESSAGING_MESSAGES, null, event.partitionkey(),
                codec.write(event), EventType.MESSAGE_POSTED.type())).awaitCompletion();
    }

    /** A token that outlives a slow run (TestTokens' default lasts five minutes). */
    private static TestTokens.Builder token(String username, String role) {
        return TestTokens.user(username).roles(role).expiresAt(Instant.now().plus(1, ChronoUnit.HOURS).getEpochSecond());
    }
}
