package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batched consumer (one Kafka poll per transaction) on the edge cases of a batch: records produced in one go so
 * that they arrive in one poll. Whatever the poll boundaries turn out to be, the outcome asserted must hold.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class MessagePostedBatchTest {

    private static final String DLQ = "careline.dlq.triage";
    private static final Participant PATIENT = new Participant("sub-patient1", ParticipantRole.PATIENT, null);

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
    void duplicatesWithinABatchOnTwoPartitionsAreTriagedOnceInOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        String a1 = codec.write(posted(a, "a-1-" + a, "Question about my bill", t));
        String a2 = codec.write(posted(a, "a-2-" + a, "Also I have crushing chest pain right now", t.plusSeconds(60)));
        String b1 = codec.write(posted(b, "b-1-" + b, "Question about my bill", t));
        String b2 = codec.write(posted(b, "b-2-" + b, "Thanks", t.plusSeconds(60)));
        kafka.produceStrings().fromRecords(
                        record(0, a, a1), record(1, b, b1), record(0, a, a1), record(0, a, a2),
                        record(1, b, b1), record(1, b, b2), record(0, a, a2))
                .awaitCompletion();

        awaitRecord(a, r -> r.body("decisions.messageId", contains("a-2-" + a, "a-1-" + a)))
                .body("queueItem.lastMessageId", equalTo("a-2-" + a))
                .body("queueItem.urgency", equalTo("EMERGENT"));
        awaitRecord(b, r -> r.body("decisions.messageId", contains("b-2-" + b, "b-1-" + b)))
                .body("queueItem.lastMessageId", equalTo("b-2-" + b))
                .body("queueItem.urgency", equalTo("ROUTINE"));
        assertEquals(1, Fixtures.queueItems(a), "one queue item per thread");
        assertEquals(1, Fixtures.queueItems(b), "one queue item per thread");
        assertEquals(2, Fixtures.outboxEvents(EventType.MESSAGE_TRIAGED.type(), a.toString()),
                "one triage event per distinct message, duplicates announce nothing");
        assertEquals(2, Fixtures.outboxEvents(EventType.MESSAGE_TRIAGED.type(), b.toString()));
    }

    @Test
    void aMalformedRecordMidBatchIsDeadLetteredAndTheRestOfTheBatchCommitsInOrder() {
        UUID threadId = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-23T11:00:00Z");
        String notJson = "{\"specversion\":\"1.0\", not an event " + threadId;
        // valid JSON CloudEvent that only the triage service finds malformed (no care team): it fails the batch's
        // transaction, so the batch is processed again event by event
        CloudEvent noCareTeam = codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service",
                threadId.toString(), threadId.toString(), t, new MessagePosted(threadId.toString(), "m-bad-" + threadId,
                        "P-1001", null, MessageTopic.OTHER, PATIENT, true, false, "question", "hello", t));
        kafka.produceStrings().fromRecords(
                        record(2, threadId, codec.write(posted(threadId, "m-1-" + threadId, "Question about my bill", t))),
                        record(2, threadId, notJson),
                        record(2, threadId, codec.write(noCareTeam)),
                        record(2, threadId, codec.write(posted(threadId, "m-2-" + threadId, "Thanks",
                                t.plusSeconds(60)))))
                .awaitCompletion();

        awaitRecord(threadId, r -> r.body("decisions.messageId", contains("m-2-" + threadId, "m-1-" + threadId)))
                .body("queueItem.lastMessageId", equalTo("m-2-" + threadId));
        List<ConsumerRecord<String, String>> dead = deadLetters(threadId.toString(), 2);
        assertEquals(List.of(notJson, codec.write(noCareTeam)).stream().sorted().toList(),
                dead.stream().map(ConsumerRecord::value).sorted().toList());
        assertEquals(1, Fixtures.queueItems(threadId));
        assertEquals(2, Fixtures.outboxEvents(EventType.MESSAGE_TRIAGED.type(), threadId.toString()));
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        UUID threadId = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-23T12:00:00Z");
        List<ProducerRecord<String, String>> batch = List.of(
                record(0, threadId, codec.write(posted(threadId, "r-1-" + threadId, "Question about my bill", t))),
                record(0, threadId, codec.write(posted(threadId, "r-2-" + threadId,
                        "Also I have crushing chest pain right now", t.plusSeconds(60)))));
        kafka.produceStrings().fromRecords(batch).awaitCompletion();
        awaitRecord(threadId, r -> r.body("decisions.messageId", contains("r-2-" + threadId, "r-1-" + threadId)));
        String queued = queueChanges(threadId);

        // the same two records again (same event ids, as after a consumer crash before the offset commit), then a
        // third message: once it is triaged, the redelivered ones have been consumed
        List<ProducerRecord<String, String>> again = new java.util.ArrayList<>(batch);
        again.add(record(0, threadId, codec.write(posted(threadId, "r-3-" + threadId, "Thanks", t.plusSeconds(120)))));
        kafka.produceStrings().fromRecords(again).awaitCompletion();

        awaitRecord(threadId, r -> r.body("decisions.messageId",
                contains("r-3-" + threadId, "r-2-" + threadId, "r-1-" + threadId)))
                .body("queueItem.lastMessageId", equalTo("r-3-" + threadId))
                .body("queueItem.urgency", equalTo("EMERGENT"));
        assertEquals(1, Fixtures.queueItems(threadId));
        assertEquals(3, Fixtures.outboxEvents(EventType.MESSAGE_TRIAGED.type(), threadId.toString()),
                "one triage event per message, none for the redelivered ones");
        assertEquals(1, Fixtures.outboxEvents(EventType.THREAD_ESCALATED.type(), threadId.toString()));
        assertEquals(queued + ",UPDATED", queueChanges(threadId), "the change log got only the third message");
    }

    @Test
    void aBatchOverAnOpenItemDecidesAsOneMessageAfterTheOther() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-23T13:00:00Z");
        // thread a already waits in a queue (seeded as an earlier transaction would have left it)
        Fixtures.decision(a, "o-0-" + a, "P-1001", "family-medicine", "ROUTINE", "BILLING", t.minusSeconds(600));
        Fixtures.openItem(a, "P-1001", "family-medicine", "billing-office", "ROUTINE", "o-0-" + a, t.minusSeconds(600));
        MessagePosted reply = new MessagePosted(a.toString(), "o-reply-" + a, "P-1001", "family-medicine",
                MessageTopic.BILLING, new Participant("sub-dr-lee", ParticipantRole.CLINICIAN, null), false, false,
                "question", "We will call you.", t.plusSeconds(30));
        CloudEvent b1 = posted(b, "o-b1-" + b, "Question about my bill", t);
        // the same message again under another event id (a re-publication): decided once
        CloudEvent b1Again = posted(b, "o-b1-" + b, "Question about my bill", t);
        kafka.produceStrings().fromRecords(
                        record(1, a, codec.write(posted(a, "o-1-" + a, "Another question about the bill", t))),
                        record(1, a, codec.write(codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service",
                                a.toString(), a.toString(), t.plusSeconds(30), reply))),
                        record(1, b, codec.write(b1)),
                        record(1, a, codec.write(posted(a, "o-2-" + a, "Also I have crushing chest pain right now",
                                t.plusSeconds(60)))),
                        record(1, b, codec.write(b1Again)),
                        record(1, a, codec.write(posted(a, "o-3-" + a, "Thanks", t.plusSeconds(90)))))
                .awaitCompletion();

        awaitRecord(a, r -> r.body("decisions.messageId", contains("o-3-" + a, "o-2-" + a, "o-1-" + a, "o-0-" + a)))
                .body("queueItem.lastMessageId", equalTo("o-3-" + a))
                .body("queueItem.urgency", equalTo("EMERGENT")); // the later "Thanks" never lowers it
        awaitRecord(b, r -> r.body("decisions.messageId", contains("o-b1-" + b)))
                .body("queueItem.lastMessageId", equalTo("o-b1-" + b));
        assertEquals(1, Fixtures.queueItems(a), "the open item was updated, not a second one opened");
        assertEquals(1, Fixtures.queueItems(b));
        assertEquals(3, Fixtures.outboxEvents(EventType.MESSAGE_TRIAGED.type(), a.toString()),
                "the clinician's reply is not triaged");
        assertEquals(1, Fixtures.outboxEvents(EventType.THREAD_ESCALATED.type(), a.toString()));
        assertEquals(1, Fixtures.outboxEvents(EventType.MESSAGE_TRIAGED.type(), b.toString()));
        assertEquals("UPDATED,UPDATED,UPDATED", queueChanges(a));
        assertEquals("QUEUED", queueChanges(b));
    }

    /** The change log's entries for a thread, in the order they were written. */
    private static String queueChanges(UUID threadId) {
        try (var c = org.careline.testsupport.TestDatabase.connect();
             var s = c.prepareStatement("select string_agg(change, ',' order by id) from queue_change where thread_id = ?")) {
            s.setObject(1, threadId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the dead-letter topic from its start until {@code count} records with the key are there. */
    private List<ConsumerRecord<String, String>> deadLetters(String key, int count) {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(DLQ);
        try {
            return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> task.getRecords().stream().filter(r -> key.equals(r.key())).toList(),
                            found -> found.size() >= count);
        } finally {
            task.stop();
        }
    }

    private CloudEvent posted(UUID threadId, String messageId, String body, Instant postedAt) {
        MessagePosted payload = new MessagePosted(threadId.toString(), messageId, "P-1001", "family-medicine",
                MessageTopic.BILLING, PATIENT, true, false, "question", body, postedAt);
        return codec.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), postedAt, payload);
    }

    private static ProducerRecord<String, String> record(int partition, UUID key, String json) {
        return RelayedEvents.record(Topics.MESSAGING_MESSAGES, partition, key.toString(), json,
                EventType.MESSAGE_POSTED.type());
    }

    private ValidatableResponse awaitRecord(UUID threadId, Consumer<ValidatableResponse> condition) {
        ValidatableResponse[] last = new ValidatableResponse[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ValidatableResponse response = given().auth().oauth2(TriageResourceTest.DR_LEE)
                    .get(TriageResourceTest.PATH, threadId.toString()).then().statusCode(200);
            condition.accept(response);
            last[0] = response;
        });
        return last[0];
    }
}
