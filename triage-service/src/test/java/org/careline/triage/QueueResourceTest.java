package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.careline.events.EventType;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.careline.triage.service.OverdueEscalator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work list over REST: visibility by care team, paging, claim/release/reassign/complete, corrections, overdue. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class QueueResourceTest {

    static final String NURSE = TestTokens.clinician("rn.ortiz", "RN", "/care-teams/family-medicine/nurse-pool");
    static final String ADMIN = TestTokens.user("admin1").roles("admin").sign();

    @Inject
    OverdueEscalator escalator;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private record Seeded(String queue, UUID emergent, UUID urgentOverdue, UUID routine, UUID otherTeam,
                          UUID thread) {
    }

    /** Three family-medicine items in a fresh queue (one overdue) and one cardiology item in the same queue name. */
    private Seeded seed() {
        String queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
        UUID thread = UUID.randomUUID();
        Fixtures.decision(thread, "m-" + thread, "P-1001", "family-medicine", "ROUTINE", "BILLING", now);
        UUID routine = Fixtures.item(thread, "family-medicine", queue, "ROUTINE", 3, now.plusSeconds(86400), "m-" + thread);
        UUID urgent = Fixtures.item(UUID.randomUUID(), "family-medicine", queue, "URGENT", 2, now.minusSeconds(60), "m-x");
        UUID emergent = Fixtures.item(UUID.randomUUID(), "family-medicine", queue, "EMERGENT", 1, now.plusSeconds(600), "m-y");
        UUID other = Fixtures.item(UUID.randomUUID(), "cardiology", queue, "URGENT", 2, now.plusSeconds(60), "m-z");
        return new Seeded(queue, emergent, urgent, routine, other, thread);
    }

    @Test
    void clinicianSeesOwnTeamsQueuesWithCountsAndPagesThemMostPressingFirst() {
        Seeded s = seed();

        given().auth().oauth2(TriageResourceTest.DR_LEE).get("/api/v1/queues").then().statusCode(200)
                .body("find { it.queue == '" + s.queue() + "' }.careTeam", equalTo("family-medicine"))
                .body("find { it.queue == '" + s.queue() + "' }.open", equalTo(3))
                .body("find { it.queue == '" + s.queue() + "' }.overdue", equalTo(1))
                .body("findAll { it.careTeam == 'cardiology' }", hasSize(0))
                .body("find { it.queue == 'physicians' }.careTeam", equalTo("family-medicine"));

        String cursor = given().auth().oauth2(TriageResourceTest.DR_LEE).queryParam("limit", 2)
                .get("/api/v1/queues/{q}/items", s.queue()).then().statusCode(200)
                .body("items.id", contains(s.emergent().toString(), s.urgentOverdue().toString()))
                .body("items[1].overdue", equalTo(true))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(TriageResourceTest.DR_LEE).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/queues/{q}/items", s.queue()).then().statusCode(200)
                .body("items.id", contains(s.routine().toString()))
                .body("nextCursor", nullValue());
        given().auth().oauth2(TriageResourceTest.CARDIOLOGIST).get("/api/v1/queues/{q}/items", s.queue())
                .then().statusCode(200).body("items.id", contains(s.otherTeam().toString()));
        assertTrue(Fixtures.auditOutcomes("QueueItem/" + s.queue()).contains("SUCCESS"));
    }

    @Test
    void patientsAndBillingAreRefusedAndBadInputIsAProblem() {
        Seeded s = seed();
        for (String token : List.of(TriageResourceTest.PATIENT1, TriageResourceTest.BILLER)) {
            given().auth().oauth2(token).get("/api/v1/queues").then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/queues/{q}/items", s.queue()).then().statusCode(403);
            given().auth().oauth2(token).post("/api/v1/queues/items/{id}/claim", s.routine()).then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/queues/stream").then().statusCode(403);
        }
        given().get("/api/v1/queues").then().statusCode(401);
        given().auth().oauth2(TriageResourceTest.DR_LEE).queryParam("cursor", "not-a-cursor")
                .get("/api/v1/queues/{q}/items", s.queue()).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TriageResourceTest.DR_LEE).queryParam("limit", 0)
                .get("/api/v1/queues/{q}/items", s.queue()).then().statusCode(400);
        given().auth().oauth2(TriageResourceTest.DR_LEE).post("/api/v1/queues/items/{id}/claim", "nope")
                .then().statusCode(404);
    }

    @Test
    void claimReleaseReassignAndCompleteWithinTheCareTeamOnly() {
        Seeded s = seed();
        String claim = "/api/v1/queues/items/{id}/claim";

        given().auth().oauth2(TriageResourceTest.DR_LEE).post(claim, s.routine()).then().statusCode(200)
                .body("assignee", equalTo("sub-dr.lee"));
        given().auth().oauth2(NURSE).post(claim, s.routine()).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(NURSE).post("/api/v1/queues/items/{id}/release", s.routine()).then().statusCode(409);
        given().auth().oauth2(TriageResourceTest.CARDIOLOGIST).post(claim, s.routine()).then().statusCode(404)
                .body(not(containsString("P-1001")));
        assertEquals(List.of("SUCCESS", "FAILED", "FAILED", "DENIED"), Fixtures.auditOutcomes("QueueItem/" + s.routine()));

        given().auth().oauth2(TriageResourceTest.DR_LEE).post("/api/v1/queues/items/{id}/release", s.routine())
                .then().statusCode(200).body("assignee", nullValue());
        given().auth().oauth2(NURSE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/queues/items/{id}/reassign", s.routine()).then().statusCode(400);
        given().auth().oauth2(NURSE).contentType(ContentType.JSON).body(Map.of("queue", "Not A Queue!"))
                .post("/api/v1/queues/items/{id}/reassign", s.routine()).then().statusCode(400);
        given().auth().oauth2(NURSE).contentType(ContentType.JSON).body(Map.of("queue", "physicians", "assignee", "sub-dr.lee"))
                .post("/api/v1/queues/items/{id}/reassign", s.routine()).then().statusCode(200)
                .body("queue", equalTo("physicians")).body("assignee", equalTo("sub-dr.lee"));

        given().auth().oauth2(TriageResourceTest.DR_LEE).post("/api/v1/queues/items/{id}/complete", s.routine())
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        given().auth().oauth2(TriageResourceTest.DR_LEE).post("/api/v1/queues/items/{id}/complete", s.routine())
                .then().statusCode(404);
        assertEquals(1, Fixtures.outboxEvents(EventType.QUEUE_ITEM_COMPLETED.type(), s.thread().toString()));
        // the thread keeps its record; its item is no longer open
        given().auth().oauth2(TriageResourceTest.DR_LEE).get(TriageResourceTest.PATH, s.thread().toString())
                .then().statusCode(200).body("queueItem", nullValue());
    }

    @Test
    void aCorrectionReroutesTheItemAndIsExportedAsFeedbackWithoutText() {
        Seeded s = seed();

        given().auth().oauth2(NURSE).contentType(ContentType.JSON).body(Map.of("urgency", "URGENT", "category", "CLINICAL"))
                .post("/api/v1/queues/items/{id}/reclassify", s.routine()).then().statusCode(200)
                .body("urgency", equalTo("URGENT")).body("priority", equalTo(2)).body("queue", equalTo("nurse-pool"));
        given().auth().oauth2(NURSE).contentType(ContentType.JSON).body(Map.of("urgency", "SOON"))
                .post("/api/v1/queues/items/{id}/reclassify", s.routine()).then().statusCode(400);

        String jsonl = given().auth().oauth2(ADMIN).queryParam("since", now.minusSeconds(5).toString())
                .get("/api/v1/triage/feedback").then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .extract().asString();
        assertTrue(jsonl.contains("\"messageId\":\"m-" + s.thread() + "\",\"threadId\":\"" + s.thread() + "\""), jsonl);
        assertTrue(jsonl.contains("\"fromUrgency\":\"ROUTINE\",\"fromCategory\":\"BILLING\",\"toUrgency\":\"URGENT\","
                + "\"toCategory\":\"CLINICAL\",\"correctedBy\":\"sub-rn.ortiz\""), jsonl);
        given().auth().oauth2(ADMIN).queryParam("format", "csv").get("/api/v1/triage/feedback").then().statusCode(200)
                .body(containsString("correctionId,messageId,threadId,careTeam,rulesVersion,fromUrgency"))
                .body(containsString("m-" + s.thread()));
        given().auth().oauth2(ADMIN).queryParam("since", "yesterday").get("/api/v1/triage/feedback").then().statusCode(400);
        given().auth().oauth2(TriageResourceTest.DR_LEE).get("/api/v1/triage/feedback").then().statusCode(403);
    }

    @Test
    void theLiveStreamCarriesCommittedChangesOfTheCallersTeamsOnly() {
        Seeded s = seed();
        try (SseClient lee = SseClient.open(TriageResourceTest.DR_LEE);
             SseClient cardiology = SseClient.open(TriageResourceTest.CARDIOLOGIST)) {
            // the streams subscribe asynchronously: claim and release until Dr Lee's stream shows a change
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).untilAsserted(() -> {
                given().auth().oauth2(TriageResourceTest.DR_LEE).post("/api/v1/queues/items/{id}/claim", s.emergent())
                        .then().statusCode(200);
                given().auth().oauth2(TriageResourceTest.DR_LEE).post("/api/v1/queues/items/{id}/release", s.emergent())
                        .then().statusCode(200);
                assertTrue(lee.events.stream().anyMatch(e -> e.data().contains("\"CLAIMED\"")
                        && e.data().contains(s.emergent().toString())));
            });
            assertTrue(lee.lines.stream().noneMatch(l -> l.contains("P-1001")), "no patient id on the stream");
            assertTrue(cardiology.lines.stream().noneMatch(l -> l.contains(s.emergent().toString())),
                    "another team's stream must not see the change");
        }
    }

    @Test
    void anOverdueItemIsEscalatedExactlyOnce() throws Throwable {
        Seeded s = seed();

        VertxContextSupport.subscribeAndAwait(escalator::escalateOverdue);
        VertxContextSupport.subscribeAndAwait(escalator::escalateOverdue);

        given().auth().oauth2(TriageResourceTest.DR_LEE).get("/api/v1/queues/{q}/items", s.queue()).then().statusCode(200)
                .body("items.find { it.id == '" + s.urgentOverdue() + "' }.priority", equalTo(1));
        // the overdue item's thread got one OVERDUE escalation; the others none
        String overdueThread = given().auth().oauth2(TriageResourceTest.DR_LEE)
                .get("/api/v1/queues/{q}/items", s.queue()).then().extract()
                .path("items.find { it.id == '" + s.urgentOverdue() + "' }.threadId");
        assertEquals(1, Fixtures.outboxEvents(EventType.THREAD_ESCALATED.type(), overdueThread));
        assertEquals(0, Fixtures.outboxEvents(EventType.THREAD_ESCALATED.type(), s.thread().toString()));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("careline_triage_queue_breaches_total{queue=\"" + s.queue() + "\",urgency=\"URGENT\"}"));
    }
}
