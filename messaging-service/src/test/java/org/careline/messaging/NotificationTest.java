package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.EventType;
import org.careline.events.NotificationChannel;
import org.careline.events.NotificationRecipientKind;
import org.careline.events.NotificationRequested;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** One notification-requested event per recipient, through the outbox to Kafka, and none carries PHI. */
@QuarkusTest
@TestProfile(FixedClockProfile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class NotificationTest {

    /** A patient of this test only: other tests grant caregivers access to patient1. */
    private static final String PATIENT = Actors.patient("patient-notify", "P-NTF1", "family-medicine");

    @BeforeEach
    void practiceIsOpen() {
        FixedClockProfile.CLOCK.set(FixedClockProfile.MONDAY_MORNING);
    }

    private static final Set<String> FIELDS = new TreeSet<>(Set.of("notificationId", "threadId", "messageId",
            "recipientKind", "recipientId", "channel", "templateKey", "deepLink", "requestedAt"));

    @Test
    void aPatientMessageNotifiesTheCareTeamPoolAndTheAutoReplyNotifiesThePatient() {
        String id = ThreadResourceTest.open(PATIENT, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        JsonPath thread = read(id);

        List<NotificationRequested> sent = OutboxEvents.data(EventType.NOTIFICATION_REQUESTED, id,
                NotificationRequested.class);
        assertEquals(2, sent.size());
        NotificationRequested toTeam = sent.get(0);
        assertEquals(NotificationRecipientKind.CARE_TEAM, toTeam.recipientKind());
        assertEquals("family-medicine", toTeam.recipientId());
        assertEquals(NotificationChannel.IN_APP, toTeam.channel());
        assertEquals("new-patient-message", toTeam.templateKey());
        assertEquals(thread.getString("messages[0].id"), toTeam.messageId());
        assertEquals("/threads/" + id, toTeam.deepLink());

        NotificationRequested toPatient = sent.get(1);
        assertEquals(NotificationRecipientKind.PATIENT, toPatient.recipientKind());
        assertEquals("P-NTF1", toPatient.recipientId());
        assertEquals(NotificationChannel.PREFERRED, toPatient.channel());
        assertEquals("automatic-reply", toPatient.templateKey());
        assertEquals(thread.getString("messages[1].id"), toPatient.messageId());
        assertNotEquals(toTeam.notificationId(), toPatient.notificationId());

        assertNoPhi(id, thread);
    }

    @Test
    void aCareTeamMessageNotifiesThePatientOnly() {
        String id = ThreadResourceTest.open(ThreadResourceTest.DR_LEE, """
                {"subject":"Lab results","body":"Your A1c is 9.1, we need to talk about diabetes.","topic":"TEST_RESULTS","patientId":"P-NTF1"}""")
                .then().statusCode(201).extract().path("id");

        List<NotificationRequested> sent = OutboxEvents.data(EventType.NOTIFICATION_REQUESTED, id,
                NotificationRequested.class);
        assertEquals(1, sent.size());
        assertEquals(NotificationRecipientKind.PATIENT, sent.get(0).recipientKind());
        assertEquals("P-NTF1", sent.get(0).recipientId());
        assertEquals("new-message-from-care-team", sent.get(0).templateKey());
        assertNoPhi(id, read(id));
    }

    @Test
    void aCaregiverWithALiveGrantIsNotifiedOfACareTeamMessageAndOneWithAnExpiredGrantIsNot() {
        Actors.grant("cg-notify-live", "P-NTF2", "READ");
        Instant expired = FixedClockProfile.MONDAY_MORNING.minus(1, ChronoUnit.HOURS);
        TestDatabase.execute("insert into proxy_grant (id, caregiver, patient_id, scope, expires_at, granted_by,"
                        + " created_at, updated_at) values (?, 'cg-notify-expired', 'P-NTF2', 'READ', ?, 'frontdesk1',"
                        + " ?, ?)", UUID.randomUUID(), Timestamp.from(expired), Timestamp.from(expired.minus(1, ChronoUnit.DAYS)),
                Timestamp.from(expired.minus(1, ChronoUnit.DAYS)));
        String id = ThreadResourceTest.open(ThreadResourceTest.DR_LEE, """
                {"subject":"Follow-up","body":"Please book a visit next week.","topic":"APPOINTMENT","patientId":"P-NTF2"}""")
                .then().statusCode(201).extract().path("id");

        List<NotificationRequested> sent = OutboxEvents.data(EventType.NOTIFICATION_REQUESTED, id,
                NotificationRequested.class);
        assertEquals(2, sent.size());
        assertEquals("P-NTF2", sent.get(0).recipientId());
        assertEquals(NotificationRecipientKind.CAREGIVER, sent.get(1).recipientKind());
        assertEquals("cg-notify-live", sent.get(1).recipientId());
        assertNoPhi(id, read(id));
    }

    @Test
    void theNotificationReachesKafkaKeyedByRecipientWithoutText() {
        String id = ThreadResourceTest.open(PATIENT, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            ConsumerRecord<String, String> record = RelayedEvents.awaitRecord(kafka, Topics.MESSAGING_NOTIFICATIONS,
                    r -> "P-NTF1".equals(r.key()) && r.value().contains(id), Duration.ofSeconds(30));
            assertEquals(EventType.NOTIFICATION_REQUESTED.type(),
                    new String(record.headers().lastHeader("ce_type").value()));
            assertFalse(record.value().contains("albuterol"));
            assertFalse(record.value().contains("Inhaler"));
        }
    }

    /**
     * No event names a field beyond the identifiers; no text of the thread appears in it, nor any word of
     * five letters or more that a person wrote (subject, bodies other than the system's canned replies).
     */
    private static void assertNoPhi(String threadId, JsonPath thread) {
        List<String> texts = new java.util.ArrayList<>(thread.getList("messages.body"));
        texts.add(thread.getString("subject"));
        List<String> written = new java.util.ArrayList<>(List.of(thread.getString("subject")));
        List<java.util.Map<String, Object>> messages = thread.getList("messages");
        messages.stream().filter(m -> !AutoReplyTest.SYSTEM.equals(m.get("authorId")))
                .forEach(m -> written.add((String) m.get("body")));
        List<String> raw = OutboxEvents.raw(EventType.NOTIFICATION_REQUESTED, threadId);
        assertFalse(raw.isEmpty());
        for (String json : raw) {
            Set<String> fields = new TreeSet<>();
            Iterator<String> names = OutboxEvents.read(json).data().fieldNames();
            names.forEachRemaining(fields::add);
            assertEquals(FIELDS, fields);
            String values = OutboxEvents.read(json).data().toString().toLowerCase();
            for (String text : texts) {
                assertFalse(json.contains(text), "a notification carries thread text");
            }
            for (String text : written) {
                for (String word : text.split("\\W+")) {
                    if (word.length() >= 5) {
                        assertFalse(values.contains(word.toLowerCase()),
                                "a notification carries the word '" + word + "' of the thread");
                    }
                }
            }
        }
    }

    /** The thread as its care team sees it (every message, auto-replies included). */
    private static JsonPath read(String threadId) {
        return io.restassured.RestAssured.given().auth().oauth2(ThreadResourceTest.DR_LEE)
                .get("/api/v1/threads/{id}", threadId).then().statusCode(200).extract().jsonPath();
    }
}
