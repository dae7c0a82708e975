package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.MessageTopic;
import org.careline.events.MessageTriaged;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.Topics;
import org.careline.events.EscalationReason;
import org.careline.events.ThreadEscalated;
import org.careline.events.Urgency;
import org.careline.events.VisitReason;
import org.careline.events.VisitRecommended;
import org.careline.events.VisitType;
import org.careline.triage.service.RulesRegistry;
import jakarta.inject.Inject;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The consumer over the real embedded Kafka broker: message-posted in, decisions, queue and events out. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class MessagePostedConsumerTest {

    private static final String DLQ = "careline.dlq.triage";
    private static final Participant PATIENT = new Participant("sub-patient1", ParticipantRole.PATIENT, null);
    private static final Participant NURSE = new Participant("sub-rn.ortiz", ParticipantRole.CLINICIAN, "RN");

    private final EventCodec codec = new EventCodec();
    @Inject
    RulesRegistry rules;
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
    void aPostedMessageIsTriagedQueuedAndAnnounced() {
        UUID threadId = UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        produce(posted(threadId, messageId, PATIENT, MessageTopic.MEDICATION,
                "Could you refill my albuterol inhaler? The pharmacy is on Elm street."));

        awaitRecord(threadId, r -> r.body("decisions", hasSize(1)))
                .body("decisions[0].messageId", equalTo(messageId))
                .body("decisions[0].urgency", equalTo("ROUTINE"))
                .body("decisions[0].category", equalTo("MEDICATION"))
                .body("decisions[0].rulesVersion", equalTo(rules.current().version()))
                .body("decisions[0].explanation", containsString("topic MEDICATION"))
                .body("queueItem.queue", equalTo("refill-pool"))
                .body("queueItem.urgency", equalTo("ROUTINE"))
                .body("queueItem.priority", equalTo(3))
                .body("queueItem.status", equalTo("OPEN"))
                .body(not(containsString("albuterol")))
                .body(not(containsString("Elm street")));

        ConsumerRecord<String, String> announced = awaitTriaged(threadId.toString(), messageId);
        MessageTriaged triaged = codec.data(codec.read(announced.value()), EventType.MESSAGE_TRIAGED,
                MessageTriaged.class);
        assertEquals("P-1001", triaged.patientId());
        assertEquals("refill-pool", triaged.queue());
        assertEquals(rules.current().version(), triaged.rulesVersion());
        assertFalse(announced.value().contains("albuterol"), "the triage event must not carry message text");
    }

    @Test
    void theSameEventTwiceIsTriagedOnce() {
        UUID threadId = UUID.randomUUID();
        String json = codec.write(posted(threadId, "m-1-" + threadId, PATIENT, MessageTopic.APPOINTMENT,
                "Can I reschedule my appointment to next week?"));
        kafka.produceStrings().fromRecords(relayed(threadId.toString(), json), relayed(threadId.toString(), json))
                .awaitCompletion();
        // a later event on the same key (same partition, so processed after both copies) marks the end
        produce(posted(threadId, "m-2-" + threadId, PATIENT, MessageTopic.APPOINTMENT, "Any afternoon works."));

        awaitRecord(threadId, r -> r.body("decisions.messageId", contains("m-2-" + threadId, "m-1-" + threadId)))
                .body("queueItem.lastMessageId", equalTo("m-2-" + threadId));
        assertEquals(1, Fixtures.queueItems(threadId), "the replayed event must not add a queue item");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillProcessed() {
        UUID threadId = UUID.randomUUID();
        String notJson = "{\"specversion\":\"1.0\", this is not an event";
        CloudEvent noThreadId = posted(null, "m-bad-" + threadId, PATIENT, MessageTopic.OTHER, "hello");
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.MESSAGING_MESSAGES, threadId.toString(), notJson),
                relayed(threadId.toString(), codec.write(noThreadId)))
                .awaitCompletion();
        produce(posted(threadId, "m-good-" + threadId, PATIENT, MessageTopic.BILLING, "Question about my bill"));

        // the dead-letter topic is shared with other tests: this test's records carry its thread id as key
        List<ConsumerRecord<String, String>> dead;
        var task = kafka.consumeStrings().fromTopics(DLQ);
        try {
            dead = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> task.getRecords().stream().filter(r -> threadId.toString().equals(r.key())).toList(),
                            found -> found.size() >= 2);
        } finally {
            task.stop();
        }
        assertEquals(List.of(notJson, codec.write(noThreadId)), dead.stream().map(ConsumerRecord::value).toList());
        assertEquals(threadId.toString(), dead.get(0).key());
        awaitRecord(threadId, r -> r.body("decisions.messageId", contains("m-good-" + threadId)))
                .body("queueItem.queue", equalTo("billing-office"));
    }

    @Test
    void aLaterMoreUrgentMessageRaisesTheOpenItemButNeverLowersIt() {
        UUID threadId = UUID.randomUUID();
        Instant written = Instant.parse("2026-11-23T10:00:00Z");
        produce(posted(threadId, "m-1-" + threadId, PATIENT, MessageTopic.BILLING, "Question about my bill", written));
        produce(posted(threadId, "m-2-" + threadId, PATIENT, MessageTopic.BILLING,
                "Also I have crushing chest pain right now", written.plusSeconds(600)));
        produce(posted(threadId, "m-3-" + threadId, PATIENT, MessageTopic.BILLING, "Thanks", written.plusSeconds(1200)));

        awaitRecord(threadId, r -> r.body("decisions", hasSize(3)))
                .body("decisions.urgency", contains("ROUTINE", "EMERGENT", "ROUTINE"))
                .body("queueItem.urgency", equalTo("EMERGENT"))
                .body("queueItem.priority", equalTo(1))
                .body("queueItem.queue", equalTo("physicians"))
                .body("queueItem.dueAt", equalTo("2026-11-23T10:25:00Z"))
                .body("queueItem.lastMessageId", equalTo("m-3-" + threadId));

        ConsumerRecord<String, String> escalation = RelayedEvents.awaitRecord(kafka, Topics.TRIAGE_ESCALATIONS,
                r -> threadId.toString().equals(r.key()), Duration.ofSeconds(30));
        ThreadEscalated escalated = codec.data(codec.read(escalation.value()), EventType.THREAD_ESCALATED,
                ThreadEscalated.class);
        assertEquals("m-2-" + threadId, escalated.messageId());
        assertEquals(EscalationReason.EMERGENT, escalated.reason());
        assertEquals(Urgency.EMERGENT, escalated.urgency());
        assertEquals("physicians", escalated.queue());
        assertFalse(escalation.value().contains("chest"), "the escalation must not carry message text");
    }

    @Test
    void aVisitRuleRecommendsAVisitOncePerDecisionEvenWhenTheEventIsReplayed() {
        UUID threadId = UUID.randomUUID();
        String messageId = "m-visit-" + threadId;
        String json = codec.write(posted(threadId, messageId, PATIENT, MessageTopic.CLINICAL_QUESTION,
                "The rash on my shin is spreading, I would like someone to look at it"));
        kafka.produceStrings().fromRecords(relayed(threadId.toString(), json), relayed(threadId.toString(), json))
                .awaitCompletion();
        produce(posted(threadId, "m-after-" + threadId, PATIENT, MessageTopic.CLINICAL_QUESTION, "Thanks"));

        awaitRecord(threadId, r -> r.body("decisions", hasSize(2)))
                .body("decisions[1].messageId", equalTo(messageId))
                .body("decisions[1].visitRecommendation.ruleId", equalTo("rash-or-wound-needs-a-look"))
                .body("decisions[1].visitRecommendation.visitType", equalTo("IN_PERSON"))
                .body("decisions[1].visitRecommendation.reason", equalTo("NEEDS_EXAMINATION"))
                .body("decisions[1].explanation", containsString("visit rule rash-or-wound-needs-a-look"))
                .body("decisions[0].visitRecommendation", equalTo(null));

        ConsumerRecord<String, String> record = RelayedEvents.awaitRecord(kafka, Topics.TRIAGE_ESCALATIONS,
                r -> threadId.toString().equals(r.key())
                        && EventType.VISIT_RECOMMENDED.type().equals(codec.read(r.value()).type()),
                Duration.ofSeconds(30));
        VisitRecommended visit = codec.data(codec.read(record.value()), EventType.VISIT_RECOMMENDED,
                VisitRecommended.class);
        assertEquals(messageId, visit.messageId());
        assertEquals("P-1001", visit.patientId());
        assertEquals("family-medicine", visit.careTeam());
        assertEquals(VisitType.IN_PERSON, visit.visitType());
        assertEquals(VisitReason.NEEDS_EXAMINATION, visit.reason());
        assertEquals("rash-or-wound-needs-a-look", visit.ruleId());
        assertEquals(rules.current().version(), visit.rulesVersion());
        assertFalse(record.value().contains("shin"), "the recommendation must not carry message text");
        assertEquals(1, Fixtures.outboxEvents(EventType.VISIT_RECOMMENDED.type(), threadId.toString()),
                "a replayed message must not recommend a second visit");
    }

    @Test
    void anEmergentMessageIsEscalatedAndNeverRecommendedForAVisit() {
        UUID threadId = UUID.randomUUID();
        produce(posted(threadId, "m-911-" + threadId, PATIENT, MessageTopic.CLINICAL_QUESTION,
                "crushing chest pain right now, can I come in to be seen?"));

        awaitRecord(threadId, r -> r.body("decisions", hasSize(1)))
                .body("decisions[0].urgency", equalTo("EMERGENT"))
                .body("decisions[0].visitRecommendation", equalTo(null));
        assertEquals(1, Fixtures.outboxEvents(EventType.THREAD_ESCALATED.type(), threadId.toString()));
        assertEquals(0, Fixtures.outboxEvents(EventType.VISIT_RECOMMENDED.type(), threadId.toString()));
    }

    @Test
    void messagesFromTheCareTeamAreNotTriaged() {
        UUID threadId = UUID.randomUUID();
        produce(posted(threadId, "m-nurse-" + threadId, NURSE, MessageTopic.TEST_RESULTS, "Your labs are normal."));
        produce(posted(threadId, "m-patient-" + threadId, PATIENT, MessageTopic.TEST_RESULTS, "Thank you!"));

        awaitRecord(threadId, r -> r.body("decisions.messageId", contains("m-patient-" + threadId)));
    }

    private CloudEvent posted(UUID threadId, String messageId, Participant author, MessageTopic topic, String body) {
        return posted(threadId, messageId, author, topic, body, Instant.now());
    }

    private CloudEvent posted(UUID threadId, String messageId, Participant author, MessageTopic topic, String body,
                              Instant postedAt) {
        String thread = threadId == null ? null : threadId.toString();
        MessagePosted payload = new MessagePosted(thread, messageId, "P-1001", "family-medicine", topic, author,
                true, false, "question", body, postedAt);
        return codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service", thread, thread, postedAt,
                payload);
    }

    private void produce(CloudEvent event) {
        kafka.produceStrings().fromRecords(relayed(event.partitionkey(), codec.write(event))).awaitCompletion();
    }

    /** A record as messaging's outbox relay writes it: structured-mode CloudEvent with its headers. */
    private static ProducerRecord<String, String> relayed(String key, String json) {
        return RelayedEvents.record(Topics.MESSAGING_MESSAGES, null, key, json, EventType.MESSAGE_POSTED.type());
    }

    /** Polls the REST API as a care-team clinician until the record satisfies {@code condition}. */
    private ValidatableResponse awaitRecord(UUID threadId, Consumer<ValidatableResponse> condition) {
        ValidatableResponse[] last = new ValidatableResponse[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ValidatableResponse response = given().auth().oauth2(TriageResourceTest.DR_LEE)
                    .get(TriageResourceTest.PATH, threadId.toString()).then().statusCode(200);
            condition.accept(response);
            last[0] = response;
        });
        return last[0];
    }

    private ConsumerRecord<String, String> awaitTriaged(String threadId, String messageId) {
        return RelayedEvents.awaitRecord(kafka, Topics.TRIAGE_DECISIONS,
                r -> threadId.equals(r.key()) && r.value().contains(messageId), Duration.ofSeconds(30));
    }
}
