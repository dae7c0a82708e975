package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
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
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.careline.triage.mapping.WorkloadCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workload analytics end to end: message-posted events on the real Kafka broker, triage and the workload consumer
 * over the real PostgreSQL, the figures over REST as JSON and CSV, who may see what, and no patient data in any of it.
 * The period (the first week of March 2026, EST: open 13:00-22:00 UTC) and a care team of its own keep other
 * tests' messages out of the figures.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class WorkloadAnalyticsTest {

    static final String PATH = "/api/v1/analytics/workload";
    static final String TEAM = "wl-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PATIENT_ID = "P-WL-" + UUID.randomUUID().toString().substring(0, 8);
    static final String FROM = "2026-03-02T00:00:00Z";
    static final String TO = "2026-03-07T00:00:00Z";

    static final String ADMIN = TestTokens.user("wl-admin").roles("admin").sign();
    static final String RN = TestTokens.clinician("rn.wl", "RN", "/care-teams/" + TEAM + "/refill-pool");
    static final String DR = TestTokens.clinician("dr.wl", "MD", "/care-teams/" + TEAM + "/nurse-pool");
    static final String STAFF = TestTokens.user("fd.wl").roles("staff").groups("/care-teams/" + TEAM + "/front-desk").sign();
    static final String PATIENT = TestTokens.patient("pat.wl", PATIENT_ID, TEAM);
    static final String CAREGIVER = TestTokens.user("cg.wl").roles("caregiver").sign();
    static final String BILLING = TestTokens.user("bill.wl").roles("billing").sign();
    static final String AUDITOR = TestTokens.user("aud.wl").roles("auditor").sign();

    private static final Participant SELF = new Participant("sub-pat.wl", ParticipantRole.PATIENT, null);
    private static final Participant RN_AUTHOR = new Participant("sub-rn.wl", ParticipantRole.CLINICIAN, "RN");
    private static final Participant DR_AUTHOR = new Participant("sub-dr.wl", ParticipantRole.CLINICIAN, "MD");
    private static final Participant AUTO = new Participant("careline-auto-reply", ParticipantRole.STAFF, null);

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final UUID D = UUID.randomUUID();
    private static final List<String> TEXTS = List.of("albuterol", "orinar", "reschedule", "statement");
    private static boolean seeded;

    private final EventCodec codec = new EventCodec();
    private KafkaCompanion kafka;

    @BeforeEach
    void seedOnce() {
        kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers());
        if (seeded) {
            return;
        }
        // A: ROUTINE refill (refill-pool), answered in hours after 90 min by the RN, who replies again and holds it.
        CloudEvent a1 = posted(A, "a1", SELF, MessageTopic.MEDICATION, "Could you refill my albuterol inhaler please?",
                "2026-03-02T14:00:00Z");
        produce(a1);
        produce(a1); // delivered twice: recorded once
        produce(posted(A, "a2", RN_AUTHOR, MessageTopic.MEDICATION, "Sent to your pharmacy.", "2026-03-02T15:30:00Z"));
        produce(posted(A, "a3", RN_AUTHOR, MessageTopic.MEDICATION, "It is ready.", "2026-03-02T16:00:00Z"));
        // B: URGENT clinical (nurse-pool) after hours: automatic reply at once, the MD answers after 15 min, after
        // hours; the patient's follow-up next morning is unanswered.
        produce(posted(B, "b1", SELF, MessageTopic.OTHER, "Tengo dolor al orinar y fiebre de 100.5 desde ayer, y me duele "
                + "un poco la espalda del lado derecho. Puedo ir hoy?", "2026-03-02T23:00:00Z"));
        produce(posted(B, "b2", AUTO, MessageTopic.OTHER, "The office is closed.", "2026-03-02T23:00:01Z"));
        produce(posted(B, "b3", DR_AUTHOR, MessageTopic.OTHER, "Please come in tomorrow at 9.", "2026-03-02T23:15:00Z"));
        produce(posted(B, "b4", SELF, MessageTopic.OTHER, "Thanks, see you then.", "2026-03-03T14:00:00Z"));
        // C: ROUTINE appointment (front-desk), unanswered. D: after the period (billing-office), still open.
        produce(posted(C, "c1", SELF, MessageTopic.APPOINTMENT, "Can I reschedule my appointment to next week?", "2026-03-04T15:00:00Z"));
        produce(posted(D, "d1", SELF, MessageTopic.BILLING, "Question about my statement", "2026-03-09T15:00:00Z"));

        String claimed = awaitItem("refill-pool", RN);
        given().auth().oauth2(RN).post("/api/v1/queues/items/{id}/claim", claimed).then().statusCode(200);
        awaitItem("nurse-pool", DR);
        // every fact recorded and every message triaged into its pool (D's item is the last one triaged)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                admin(Map.of("careTeam", TEAM)).body("totals.received", equalTo(4))
                        .body("totals.repliesSent", equalTo(3)).body("totals.autoReplies", equalTo(1))
                        .body("rows.pool", contains("billing-office", "front-desk", "nurse-pool", "refill-pool")));
        seeded = true;
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void anAdminSeesEachPoolsFiguresExactly() {
        admin(Map.of("careTeam", TEAM))
                .body("from", equalTo(FROM)).body("to", equalTo(TO)).body("groupBy", equalTo("pool"))
                .body("careTeam", equalTo(TEAM))
                .body("rows", hasSize(4))
                .body("rows.careTeam", contains(TEAM, TEAM, TEAM, TEAM))
                .body("rows.received", contains(0, 1, 2, 1))
                .body("rows.answered", contains(0, 0, 1, 1))
                .body("rows.repliesSent", contains(0, 0, 1, 2))
                .body("rows.afterHoursReplies", contains(0, 0, 1, 0))
                .body("rows.afterHoursShare", contains(null, null, 1.0f, 0.0f))
                .body("rows.autoReplies", contains(0, 0, 1, 0))
                .body("rows.openBacklog", contains(1, 1, 1, 1))
                .body("rows.overdueBacklog", contains(1, 1, 1, 1))
                .body("rows[2].turnaround.ALL.answered", equalTo(1))
                .body("rows[2].turnaround.URGENT.medianSeconds", equalTo(900.0f))
                .body("rows[2].turnaround.URGENT.p90Seconds", equalTo(900.0f))
                .body("rows[2].turnaround.ROUTINE.answered", equalTo(0))
                .body("rows[2].turnaround.ROUTINE.medianSeconds", nullValue())
                .body("rows[3].turnaround.ROUTINE.medianSeconds", equalTo(5400.0f))
                .body("rows[3].turnaround.EMERGENT.answered", equalTo(0))
                .body("totals.received", equalTo(4)).body("totals.answered", equalTo(2))
                .body("totals.afterHoursShare", equalTo(0.3333f))
                .body("totals.openBacklog", equalTo(4)).body("totals.overdueBacklog", equalTo(4))
                .body("totals.turnaround.ALL.answered", equalTo(2))
                .body("totals.turnaround.ALL.medianSeconds", equalTo(3150.0f))
                .body("totals.turnaround.ALL.p90Seconds", equalTo(4950.0f));
    }

    @Test
    void theSameFiguresAsCsvByAcceptHeaderOrFormat() {
        String expected = WorkloadCsv.HEADER + "\n"
                + "pool," + TEAM + ",billing-office,,0,0,0,0,,0,1,1,0,,,0,,,0,,,0,,\n"
                + "pool," + TEAM + ",front-desk,,1,0,0,0,,0,1,1,0,,,0,,,0,,,0,,\n"
                + "pool," + TEAM + ",nurse-pool,,2,1,1,1,1,1,1,1,1,900,900,0,,,1,900,900,0,,\n"
                + "pool," + TEAM + ",refill-pool,,1,1,2,0,0,0,1,1,1,5400,5400,0,,,0,,,1,5400,5400\n"
                + "total,,,,4,2,3,1,0.3333,1,4,4,2,3150,4950,0,,,1,900,900,1,5400,5400\n";
        String byHeader = given().auth().oauth2(ADMIN).accept("text/csv")
                .queryParams(Map.of("from", FROM, "to", TO, "careTeam", TEAM)).get(PATH)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String byFormat = given().auth().oauth2(ADMIN)
                .queryParams(Map.of("from", FROM, "to", TO, "careTeam", TEAM, "format", "csv")).get(PATH)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals(expected, byHeader);
        assertEquals(expected, byFormat);
    }

    @Test
    void anAdminSeesEachCareTeamMembersFigures() {
        admin(Map.of("careTeam", TEAM, "groupBy", "clinician"))
                .body("groupBy", equalTo("clinician"))
                .body("rows.clinician", contains("sub-dr.wl", "sub-rn.wl"))
                .body("rows.received", contains(0, 1))
                .body("rows.answered", contains(1, 1))
                .body("rows.repliesSent", contains(1, 2))
                .body("rows.afterHoursShare", contains(1.0f, 0.0f))
                .body("rows.openBacklog", contains(0, 1))
                .body("rows.overdueBacklog", contains(0, 1))
                .body("rows[0].turnaround.URGENT.medianSeconds", equalTo(900.0f))
                .body("rows[1].turnaround.ROUTINE.p90Seconds", equalTo(5400.0f));
        admin(Map.of("careTeam", TEAM, "groupBy", "clinician", "clinician", "sub-dr.wl"))
                .body("rows.clinician", contains("sub-dr.wl"));
    }

    @Test
    void aClinicianSeesTheirOwnRowOnly() {
        given().auth().oauth2(RN).queryParams(Map.of("from", FROM, "to", TO)).get(PATH).then().statusCode(200)
                .body("groupBy", equalTo("clinician"))
                .body("rows.clinician", contains("sub-rn.wl"))
                .body("rows[0].answered", equalTo(1)).body("rows[0].repliesSent", equalTo(2))
                .body("rows[0].turnaround.ROUTINE.medianSeconds", equalTo(5400.0f))
                .body("totals", nullValue());
        // naming oneself is fine; a member without work in the period gets a row of zeros
        given().auth().oauth2(DR).queryParams(Map.of("from", FROM, "to", TO, "clinician", "sub-dr.wl")).get(PATH)
                .then().statusCode(200).body("rows.clinician", contains("sub-dr.wl")).body("rows[0].afterHoursReplies", equalTo(1));
        given().auth().oauth2(STAFF).queryParams(Map.of("from", FROM, "to", TO)).get(PATH).then().statusCode(200)
                .body("rows.clinician", contains("sub-fd.wl")).body("rows[0].repliesSent", equalTo(0))
                .body("rows[0].afterHoursShare", nullValue());
    }

    @Test
    void anotherMembersFiguresOrThePoolsAreForbiddenAndAudited() {
        given().auth().oauth2(RN).queryParams(Map.of("from", FROM, "to", TO, "groupBy", "clinician", "clinician", "sub-dr.wl"))
                .get(PATH).then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("You may see your own workload figures only."));
        assertEquals(List.of("DENIED"), Fixtures.auditOutcomes("WorkloadAnalytics/sub-dr.wl"));
        assertEquals(null, Fixtures.auditedPatient("WorkloadAnalytics/sub-dr.wl"));

        given().auth().oauth2(DR).queryParams(Map.of("from", FROM, "to", TO, "groupBy", "pool")).get(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(List.of("DENIED"), Fixtures.auditOutcomes("WorkloadAnalytics/pools"));
    }

    @Test
    void patientsCaregiversBillingAndAuditorsAreForbiddenAndAnonymousCallersUnauthorized() {
        for (String token : List.of(PATIENT, CAREGIVER, BILLING, AUDITOR)) {
            given().auth().oauth2(token).queryParams(Map.of("from", FROM, "to", TO)).get(PATH).then().statusCode(403)
                    .body(not(containsString(TEAM)));
        }
        given().queryParams(Map.of("from", FROM, "to", TO)).get(PATH).then().statusCode(401);
    }

    @Test
    void aBadPeriodGroupingOrFormatIsAProblem() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("from", TO, "to", FROM), "from must be before to.",
                Map.of("from", FROM, "to", FROM), "from must be before to.",
                Map.of("from", "2025-01-01T00:00:00Z", "to", "2026-03-01T00:00:00Z"), "The period may cover at most 366 days.",
                Map.of("from", "yesterday", "to", TO), "from must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z.",
                Map.of("from", FROM, "to", "2026-13-01T00:00:00Z"), "to must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z.",
                Map.of("from", FROM, "to", TO, "groupBy", "patient"), "groupBy is pool or clinician.",
                Map.of("from", FROM, "to", TO, "format", "xml"), "format is json or csv.");
        bad.forEach((params, detail) -> given().auth().oauth2(ADMIN).queryParams(params).get(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("detail", equalTo(detail)));
        // a full 366-day period is fine
        given().auth().oauth2(ADMIN).queryParams(Map.of("from", "2025-03-06T00:00:00Z", "to", "2026-03-07T00:00:00Z",
                "careTeam", TEAM)).get(PATH).then().statusCode(200).body("totals.received", equalTo(4));
    }

    @Test
    void noPatientIdThreadIdMessageIdOrTextInAnyOutput() {
        String json = admin(Map.of("careTeam", TEAM)).extract().asString()
                + admin(Map.of("careTeam", TEAM, "groupBy", "clinician")).extract().asString();
        String csv = given().auth().oauth2(ADMIN).queryParams(Map.of("from", FROM, "to", TO, "careTeam", TEAM, "format", "csv"))
                .get(PATH).then().statusCode(200).extract().asString();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String out : List.of(json, csv, metrics)) {
            assertFalse(out.contains(PATIENT_ID), "a patient id leaked");
            assertFalse(out.contains("sub-pat.wl"), "a patient's user id leaked");
            for (UUID thread : List.of(A, B, C, D)) {
                assertFalse(out.contains(thread.toString()), "a thread id leaked");
                assertFalse(out.contains(id(thread, "a1")) || out.contains(id(thread, "b1")), "a message id leaked");
            }
            TEXTS.forEach(word -> assertFalse(out.contains(word), "message text leaked: " + word));
        }
        // the counter of recorded messages is labelled by kind only
        List<String> counted = metrics.lines().filter(l -> l.startsWith("careline_triage_workload_messages_total{")).toList();
        assertFalse(counted.isEmpty(), "no workload counter");
        counted.forEach(l -> assertEquals(1, l.split("=\"", -1).length - 1, "one label only: " + l));
    }

    @Test
    void aRecordTheWorkloadConsumerCannotUseGoesToItsOwnDeadLetterTopic() {
        UUID thread = UUID.randomUUID();
        MessagePosted noTime = new MessagePosted(thread.toString(), "wl-bad-" + thread, PATIENT_ID, TEAM,
                MessageTopic.OTHER, RN_AUTHOR, true, false, "s", "reply", null);
        produce(codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service", thread.toString(),
                thread.toString(), Instant.parse(FROM), noTime));
        var dead = RelayedEvents.awaitRecord(kafka, "careline.dlq.triage-workload",
                r -> r.value().contains("wl-bad-" + thread), Duration.ofSeconds(30));
        assertEquals(thread.toString(), dead.key());
        // nothing was recorded from it
        admin(Map.of("careTeam", TEAM)).body("totals.received", equalTo(4)).body("totals.repliesSent", equalTo(3));
    }

    @Test
    void theOpenApiDocumentHasTheOperationWithJsonCsvAndProblemExamples() {
        String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String part : List.of("/api/v1/analytics/workload", "Workload analytics", "afterHoursShare",
                "row,careTeam,pool,clinician", "The period may cover at most 366 days.",
                "You may see your own workload figures only.")) {
            assertTrue(doc.contains(part), "OpenAPI lacks " + part);
        }
    }

    private ValidatableResponse admin(Map<String, String> params) {
        return given().auth().oauth2(ADMIN).queryParam("from", FROM).queryParam("to", TO).queryParams(params).get(PATH)
                .then().statusCode(200).contentType(startsWith("application/json"));
    }

    /** Waits until the thread's item shows in a pool's work list, and answers its id. */
    private String awaitItem(String queue, String token) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<String> ids = given().auth().oauth2(token).get("/api/v1/queues/{queue}/items", queue).then()
                    .statusCode(200).extract().jsonPath().getList("items.id");
            assertEquals(1, ids.size(), queue + " should hold one item of " + TEAM);
            id[0] = ids.get(0);
        });
        return id[0];
    }

    private static String id(UUID thread, String name) {
        return name + "-" + thread;
    }

    private CloudEvent posted(UUID thread, String name, Participant author, MessageTopic topic, String body, String at) {
        Instant postedAt = Instant.parse(at);
        MessagePosted payload = new MessagePosted(thread.toString(), id(thread, name), PATIENT_ID, TEAM, topic, author,
                true, name.endsWith("1"), "question", body, postedAt);
        return codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service", thread.toString(),
                thread.toString(), postedAt, payload);
    }

    private void produce(CloudEvent event) {
        kafka.produceStrings().fromRecords(RelayedEvents.record(Topics.MESSAGING_MESSAGES, null, event.partitionkey(),
                codec.write(event), event.type())).awaitCompletion();
    }
}
