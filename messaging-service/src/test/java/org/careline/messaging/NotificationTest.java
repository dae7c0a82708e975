package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** One notification-requested event per recipient, through the outbox to Kafka, and none carries PHI. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class NotificationTest {

    private static final Set<String> FIELDS = new TreeSet<>(Set.of("notificationId", "threadId", "messageId",
            "recipientKind", "recipientId", "channel", "templateKey", "deepLink", "requestedAt"));

    @Test
    void aPatientMessageNotifiesTheCareTeamPoolAndTheAutoReplyNotifiesThePatient() {
        String id = ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        JsonPath thread = AutoReplyTest.read(id);

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
        assertEquals("P-1001", toPatient.recipientId());
        assertEquals(NotificationChannel.PREFERRED, toPatient.channel());
        assertEquals("automatic-reply", toPatient.templateKey());
        assertEquals(thread.getString("messages[1].id"), toPatient.messageId());
        assertNotEquals(toTeam.notificationId(), toPatient.notificationId());

        assertNoPhi(id, thread);
    }

    @Test
    void aCareTeamMessageNotifiesThePatientOnly() {
        String id = ThreadResourceTest.open(ThreadResourceTest.DR_LEE, """
                {"subject":"Lab results","body":"Your A1c is 9.1, we need to talk about diabetes.","topic":"TEST_RESULTS","patientId":"P-1001"}""")
                .then().statusCode(201).extract().path("id");

        List<NotificationRequested> sent = OutboxEvents.data(EventType.NOTIFICATION_REQUESTED, id,
                NotificationRequested.class);
        assertEquals(1, sent.size());
        assertEquals(NotificationRecipientKind.PATIENT, sent.get(0).recipientKind());
        assertEquals("P-1001", sent.get(0).recipientId());
        assertEquals("new-message-from-care-team", sent.get(0).templateKey());
        assertNoPhi(id, AutoReplyTest.read(id));
    }

    @Test
    void theNotificationReachesKafkaKeyedByRecipientWithoutText() {
        String id = ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            ConsumerRecord<String, String> record = RelayedEvents.awaitRecord(kafka, Topics.MESSAGING_NOTIFICATIONS,
                    r -> "P-1001".equals(r.key()) && r.value().contains(id), Duration.ofSeconds(30));
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
}
