package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.ThreadOpened;
import org.careline.events.ThreadReplied;
import org.careline.events.TimeLogged;
import org.careline.events.Topics;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox relay publishes a new thread's events to the real Kafka broker, keyed for ordering. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ThreadEventsTest {

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
    void openingAThreadPublishesThreadOpenedMessagePostedAndAnAuditRecord() {
        String threadId = ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> opened = awaitRecord(Topics.MESSAGING_THREADS, threadId,
                e -> e.type().equals(EventType.THREAD_OPENED.type()));
        ThreadOpened thread = codec.data(codec.read(opened.value()), EventType.THREAD_OPENED, ThreadOpened.class);
        assertEquals("P-1001", thread.patientId());
        assertTrue(thread.patientInitiated());
        assertFalse(opened.value().contains("albuterol"), "thread-opened must not carry message text");

        ConsumerRecord<String, String> posted = awaitRecord(Topics.MESSAGING_MESSAGES, threadId,
                e -> e.type().equals(EventType.MESSAGE_POSTED.type()));
        MessagePosted message = codec.data(codec.read(posted.value()), EventType.MESSAGE_POSTED, MessagePosted.class);
        assertEquals("Could you refill my albuterol inhaler?", message.body());
        assertTrue(message.firstInThread());
        assertEquals("application/cloudevents+json",
                new String(posted.headers().lastHeader("content-type").value()));

        ConsumerRecord<String, String> audit = awaitRecord(Topics.AUDIT_RECORDS, "P-1001",
                e -> e.type().equals(EventType.ACCESS_RECORDED.type()) && e.subject().equals("Thread/" + threadId));
        AccessRecorded record = codec.data(codec.read(audit.value()), EventType.ACCESS_RECORDED, AccessRecorded.class);
        assertEquals(AuditAction.CREATE, record.action());
        assertEquals(AuditOutcome.SUCCESS, record.outcome());
        assertEquals("patient1", record.username());
        assertEquals("messaging-service", record.service());
        assertFalse(audit.value().contains("albuterol"), "audit records carry identifiers only");
    }

    @Test
    void aDeniedReadIsAuditedWithTheOwnersPatientId() {
        String threadId = ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        io.restassured.RestAssured.given().auth().oauth2(ThreadResourceTest.PATIENT2)
                .get("/api/v1/threads/{id}", threadId).then().statusCode(404);

        ConsumerRecord<String, String> denied = awaitRecord(Topics.AUDIT_RECORDS, "P-1001", e -> {
            if (!e.subject().equals("Thread/" + threadId) || !e.type().equals(EventType.ACCESS_RECORDED.type())) {
                return false;
            }
            return codec.data(e, EventType.ACCESS_RECORDED, AccessRecorded.class).outcome() == AuditOutcome.DENIED;
        });
        AccessRecorded record = codec.data(codec.read(denied.value()), EventType.ACCESS_RECORDED, AccessRecorded.class);
        assertEquals("patient2", record.username());
        assertEquals(AuditAction.READ, record.action());
    }

    @Test
    void repliesReachKafkaAsMessagePostedForTriageAndTimeLoggedForBilling() {
        String threadId = ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        Actors.reply(Actors.DR_LEE, threadId, "{\"body\":\"Sent to your pharmacy.\",\"timeSpentMinutes\":7,"
                + "\"clinicalAssessment\":false}").then().statusCode(201);
        Actors.reply(Actors.PATIENT1, threadId, "{\"body\":\"It still hurts when I breathe.\"}").then().statusCode(201);

        ConsumerRecord<String, String> logged = awaitRecord(Topics.MESSAGING_THREADS, threadId,
                e -> e.type().equals(EventType.TIME_LOGGED.type()));
        TimeLogged time = codec.data(codec.read(logged.value()), EventType.TIME_LOGGED, TimeLogged.class);
        assertEquals(7, time.minutes());
        assertFalse(time.clinicalAssessment());
        assertEquals("MD", time.clinician().credential());
        assertFalse(logged.value().contains("pharmacy"), "time-logged carries no text");

        ConsumerRecord<String, String> patientReply = awaitRecord(Topics.MESSAGING_MESSAGES, threadId, e ->
                e.type().equals(EventType.MESSAGE_POSTED.type())
                        && codec.data(e, EventType.MESSAGE_POSTED, MessagePosted.class).author().role()
                        == org.careline.events.ParticipantRole.PATIENT
                        && !codec.data(e, EventType.MESSAGE_POSTED, MessagePosted.class).firstInThread());
        assertEquals("It still hurts when I breathe.",
                codec.data(codec.read(patientReply.value()), EventType.MESSAGE_POSTED, MessagePosted.class).body());
        awaitRecord(Topics.MESSAGING_THREADS, threadId, e -> e.type().equals(EventType.THREAD_REPLIED.type())
                && codec.data(e, EventType.THREAD_REPLIED, ThreadReplied.class).status().equals("AWAITING_CARE_TEAM"));
    }

    /**
     * A request's events are stored together (one insert at the end of its transaction) in the order the service
     * appended them, which is the order the relay publishes them in (by id): a thread's events stay in order. A patient
     * of its own (no proxy grants from other tests, so one notification per message).
     */
    @Test
    void aRequestsEventsAreStoredInTheOrderTheyWereAppended() throws Exception {
        String patientId = "P-" + UUID.randomUUID();
        String patient = Actors.patient("order-patient", patientId, "family-medicine");
        long before = maxOutboxId();
        String threadId = ThreadResourceTest.open(patient, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        assertEquals(List.of(EventType.THREAD_OPENED.type(), EventType.MESSAGE_POSTED.type(),
                EventType.ACCESS_RECORDED.type(), EventType.NOTIFICATION_REQUESTED.type()),
                typesAfter(before, threadId, patientId));

        long opened = maxOutboxId();
        Actors.reply(Actors.DR_LEE, threadId, "{\"body\":\"Sent to your pharmacy.\",\"timeSpentMinutes\":7}")
                .then().statusCode(201);
        assertEquals(List.of(EventType.MESSAGE_POSTED.type(), EventType.THREAD_REPLIED.type(),
                EventType.TIME_LOGGED.type(), EventType.ACCESS_RECORDED.type(),
                EventType.NOTIFICATION_REQUESTED.type()), typesAfter(opened, threadId, patientId));
    }

    private static long maxOutboxId() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The types of the events stored after {@code id} about this thread or keyed by this patient, in id order. */
    private static List<String> typesAfter(long id, String threadId, String patientId) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "select event_type from outbox_event where id > ? and (payload like ? or record_key = ?) order by id")) {
            s.setLong(1, id);
            s.setString(2, "%" + threadId + "%");
            s.setString(3, patientId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    /** Reads the topic from the start until a record with this key matches. */
    private ConsumerRecord<String, String> awaitRecord(String topic, String key, Predicate<CloudEvent> match) {
        return RelayedEvents.awaitRecord(kafka, topic, r -> key.equals(r.key()) && match.test(codec.read(r.value())),
                Duration.ofSeconds(30));
    }
}
