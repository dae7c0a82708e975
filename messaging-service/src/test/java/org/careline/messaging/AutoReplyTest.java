package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EscalationReason;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.ThreadEscalated;
import org.careline.events.Topics;
import org.careline.events.Urgency;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic replies with a clock the test sets: expectations in business hours, after-hours and
 * holiday replies from the practice schedule, and the emergency reply when triage escalates over the
 * real Kafka broker (once per event, rate-limited per thread, malformed records to the dead-letter topic).
 */
@QuarkusTest
@TestProfile(FixedClockProfile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AutoReplyTest {

    static final String SYSTEM = "careline-auto-reply";
    static final String EMERGENCY_TEXT = "Call 911 or go to the nearest emergency department now";
    private static final String DLQ = "careline.dlq.messaging";

    private final EventCodec codec = new EventCodec();
    private KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        FixedClockProfile.CLOCK.set(FixedClockProfile.MONDAY_MORNING);
        kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aNewPatientThreadInBusinessHoursGetsTheExpectationsReplyAfterTheMessage() {
        String id = openAsPatient();

        JsonPath thread = read(id);
        assertEquals(2, thread.getList("messages").size());
        assertEquals(SYSTEM, thread.getString("messages[1].authorId"));
        String body = thread.getString("messages[1].body");
        assertTrue(body.contains("answers within 2 business days"), body);
        assertTrue(body.contains("not for emergencies: if you have an emergency, call 911"), body);
        assertTrue(body.contains("(family-medicine)"), body);
        assertTrue(Instant.parse(thread.getString("messages[1].postedAt"))
                .isAfter(Instant.parse(thread.getString("messages[0].postedAt"))));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("careline_messaging_auto_replies_total{kind=\"EXPECTATIONS\"}"));
    }

    @Test
    void afterHoursTheReplySaysWhenThePracticeReopensInItsTimeZone() {
        FixedClockProfile.CLOCK.set(Instant.parse("2026-11-28T17:00:00Z")); // Saturday noon in New York
        String body = autoReply(openAsPatient());
        assertTrue(body.contains("Our office is closed now"), body);
        assertTrue(body.contains("reopen on Monday, November 30 at 8:00 AM EST"), body);
        assertTrue(body.contains("call 911"), body);
    }

    @Test
    void onAHolidayTheHolidayReplyGoesOut() {
        FixedClockProfile.CLOCK.set(Instant.parse("2026-12-25T15:00:00Z")); // Friday 10:00, a holiday
        String body = autoReply(openAsPatient());
        assertTrue(body.contains("closed for a holiday"), body);
        assertTrue(body.contains("reopen on Monday, December 28 at 8:00 AM EST"), body);
    }

    @Test
    void aThreadTheCareTeamOpensGetsNoAutomaticReply() {
        String id = ThreadResourceTest.open(ThreadResourceTest.DR_LEE, """
                {"subject":"Lab results","body":"Your results are normal.","topic":"TEST_RESULTS","patientId":"P-1001"}""")
                .then().statusCode(201).extract().path("id");
        assertEquals(1, read(id).getList("messages").size());
    }

    @Test
    void anEmergentEscalationGetsOneEmergencyReplyPerEventAndPerRateLimitWindow() {
        String id = openAsPatient();
        CloudEvent first = escalated(id, EscalationReason.EMERGENT);
        CloudEvent second = escalated(id, EscalationReason.EMERGENT);
        CloudEvent overdue = escalated(id, EscalationReason.OVERDUE);
        produce(first, first, second, overdue);

        awaitProcessed(second);
        assertEquals(1, emergencyReplies(id), "a redelivered event and a second one within 5 minutes send one reply");
        JsonPath thread = read(id);
        List<Map<String, Object>> messages = thread.getList("messages");
        assertEquals(SYSTEM, messages.get(messages.size() - 1).get("authorId"));

        FixedClockProfile.CLOCK.advance(Duration.ofMinutes(5));
        CloudEvent later = escalated(id, EscalationReason.EMERGENT);
        produce(later);
        awaitProcessed(later);
        assertEquals(2, emergencyReplies(id));
    }

    @Test
    void malformedEscalationsGoToTheDeadLetterTopicAndLaterOnesStillWork() {
        String id = openAsPatient();
        String notJson = "{\"specversion\":\"1.0\", chest pain";
        CloudEvent badThread = codec.envelope(EventType.THREAD_ESCALATED, "/careline/triage-service", "x", "x",
                Instant.now(), new ThreadEscalated("not-a-uuid", "m-1", "P-1001", "family-medicine", "physicians",
                        Urgency.EMERGENT, EscalationReason.EMERGENT, Instant.now(), Instant.now()));
        kafka.produceStrings().fromRecords(
                RelayedEvents.record(Topics.TRIAGE_ESCALATIONS, null, id, notJson, EventType.THREAD_ESCALATED.type()),
                RelayedEvents.record(badThread)).awaitCompletion();
        CloudEvent good = escalated(id, EscalationReason.EMERGENT);
        produce(good);

        RelayedEvents.awaitRecord(kafka, DLQ, r -> notJson.equals(r.value()), Duration.ofSeconds(30));
        RelayedEvents.awaitRecord(kafka, DLQ, r -> r.value().contains(badThread.id()), Duration.ofSeconds(30));
        awaitProcessed(good);
        assertEquals(1, emergencyReplies(id));
    }

    private String openAsPatient() {
        return ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath read(String threadId) {
        return given().auth().oauth2(ThreadResourceTest.PATIENT1).get("/api/v1/threads/{id}", threadId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String autoReply(String threadId) {
        JsonPath thread = read(threadId);
        assertEquals(2, thread.getList("messages").size());
        assertEquals(SYSTEM, thread.getString("messages[1].authorId"));
        return thread.getString("messages[1].body");
    }

    private static long emergencyReplies(String threadId) {
        List<String> bodies = read(threadId).getList("messages.body");
        return bodies.stream().filter(b -> b.contains(EMERGENCY_TEXT)).count();
    }

    private CloudEvent escalated(String threadId, EscalationReason reason) {
        Instant now = Instant.now();
        return codec.envelope(EventType.THREAD_ESCALATED, "/careline/triage-service", threadId, threadId, now,
                new ThreadEscalated(threadId, "m-1", "P-1001", "family-medicine", "physicians", Urgency.EMERGENT,
                        reason, now.plusSeconds(900), now));
    }

    private void produce(CloudEvent... events) {
        kafka.produceStrings().fromRecords(java.util.Arrays.stream(events).map(RelayedEvents::record).toList())
                .awaitCompletion();
    }

    /** Waits until the consumer's inbox holds the event, i.e. its transaction committed. */
    private static void awaitProcessed(CloudEvent event) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection c = TestDatabase.connect();
                 PreparedStatement s = c.prepareStatement("select 1 from processed_event where event_id = ?")) {
                s.setString(1, event.id());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
