package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.Topics;
import org.careline.events.VisitReason;
import org.careline.events.VisitRecommended;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitRequested;
import org.careline.events.VisitType;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.messaging.Actors.NEW_THREAD;
import static org.careline.messaging.Actors.PATIENT1;
import static org.careline.messaging.Actors.openThread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Triage's visit recommendations over the real embedded Kafka broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class VisitRecommendedConsumerTest {

    private static final String DLQ = "careline.dlq.messaging";
    private static final String CONSUMER = "messaging.visit-recommended";

    private final EventCodec codec = new EventCodec();
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
    void aRecommendationBecomesOneVisitRequestFromTheRuleEvenWhenReplayedOrRepeated() {
        String id = openThread(PATIENT1, NEW_THREAD);
        CloudEvent first = recommended(id, "P-1001", VisitType.VIDEO, VisitReason.PATIENT_REQUEST);
        CloudEvent second = recommended(id, "P-1001", VisitType.IN_PERSON, VisitReason.NEEDS_EXAMINATION);
        produce(first, first);
        awaitProcessed(first);
        produce(second);
        awaitProcessed(second);

        List<VisitRequested> events = Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class);
        assertEquals(1, events.size(), "a replay and a second recommendation on an open request add nothing");
        VisitRequested event = events.get(0);
        assertEquals(VisitRequestSource.TRIAGE_RULE, event.source());
        assertNull(event.requestedBy());
        assertEquals(VisitType.VIDEO, event.visitType());
        assertEquals(VisitReason.PATIENT_REQUEST, event.reason());
        assertEquals("P-1001", event.patientId());

        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("status", equalTo("AWAITING_PATIENT"))
                .body("messages", hasSize(2))
                .body("messages[1].authorId", equalTo("careline-auto-reply"))
                .body("messages[1].body", containsString("video"));
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}/visit-request", id).then().statusCode(200)
                .body("source", equalTo("TRIAGE_RULE"))
                .body("visitType", equalTo("VIDEO"))
                .body("status", equalTo("OPEN"));
    }

    @Test
    void aRecommendationNamingAnotherPatientCreatesNothing() {
        String id = openThread(PATIENT1, NEW_THREAD);
        CloudEvent wrongPatient = recommended(id, "P-1002", VisitType.PHONE, VisitReason.TRIAGE_URGENCY);
        produce(wrongPatient);
        awaitProcessed(wrongPatient);

        assertTrue(Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class).isEmpty());
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().body("messages", hasSize(1));
    }

    @Test
    void malformedRecommendationsGoToTheDeadLetterTopicAndLaterOnesStillWork() {
        String id = openThread(PATIENT1, NEW_THREAD);
        String notJson = "{\"specversion\":\"1.0\", rash on my leg";
        Instant now = Instant.now();
        CloudEvent badThread = codec.envelope(EventType.VISIT_RECOMMENDED, "/careline/triage-service", id, id, now,
                new VisitRecommended(UUID.randomUUID().toString(), "not-a-uuid", "m-1", "P-1001", "family-medicine",
                        VisitType.IN_PERSON, VisitReason.NEEDS_EXAMINATION, "rash-or-wound-needs-a-look", "rules-test",
                        now));
        CloudEvent noType = codec.envelope(EventType.VISIT_RECOMMENDED, "/careline/triage-service", id, id, now,
                new VisitRecommended(UUID.randomUUID().toString(), id, "m-1", "P-1001", "family-medicine", null,
                        VisitReason.NEEDS_EXAMINATION, "rash-or-wound-needs-a-look", "rules-test", now));
        kafka.produceStrings().fromRecords(
                RelayedEvents.record(Topics.TRIAGE_ESCALATIONS, null, id, notJson, EventType.VISIT_RECOMMENDED.type()),
                RelayedEvents.record(badThread), RelayedEvents.record(noType)).awaitCompletion();
        CloudEvent good = recommended(id, "P-1001", VisitType.PHONE, VisitReason.TRIAGE_URGENCY);
        produce(good);

        RelayedEvents.awaitRecord(kafka, DLQ, r -> notJson.equals(r.value()), Duration.ofSeconds(30));
        RelayedEvents.awaitRecord(kafka, DLQ, r -> r.value().contains(badThread.id()), Duration.ofSeconds(30));
        RelayedEvents.awaitRecord(kafka, DLQ, r -> r.value().contains(noType.id()), Duration.ofSeconds(30));
        awaitProcessed(good);
        List<VisitRequested> events = Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class);
        assertEquals(1, events.size());
        assertEquals(VisitType.PHONE, events.get(0).visitType());
    }

    private CloudEvent recommended(String threadId, String patientId, VisitType type, VisitReason reason) {
        Instant now = Instant.now();
        return codec.envelope(EventType.VISIT_RECOMMENDED, "/careline/triage-service", threadId, threadId, now,
                new VisitRecommended(UUID.randomUUID().toString(), threadId, "m-" + UUID.randomUUID(), patientId,
                        "family-medicine", type, reason, "test-rule", "careline-triage-rules-2.9", now));
    }

    private void produce(CloudEvent... events) {
        kafka.produceStrings().fromRecords(Arrays.stream(events).map(RelayedEvents::record).toList()).awaitCompletion();
    }

    /** Waits until this consumer's inbox holds the event, i.e. its transaction committed. */
    private static void awaitProcessed(CloudEvent event) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (var c = TestDatabase.connect();
                 var s = c.prepareStatement("select 1 from processed_event where consumer = ? and event_id = ?")) {
                s.setString(1, CONSUMER);
                s.setString(2, event.id());
                try (var rs = s.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
