package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessageTopic;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.ThreadOpened;
import org.careline.events.Topics;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumer over the real embedded Kafka broker. Records that must be processed in order go to one
 * explicit partition, so a later "marker" record proves the earlier ones were handled.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ThreadOpenedConsumerTest {

    private static final String DLQ = "careline.dlq.billing";
    private static final Participant PATIENT = new Participant("sub-patient1", ParticipantRole.PATIENT, null);
    private static final Participant DOCTOR = new Participant("sub-dr.lee", ParticipantRole.CLINICIAN, "MD");

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
    void aPatientInitiatedThreadOpensAnEpisodeAwaitingReview() {
        String patient = newPatient();
        UUID threadId = UUID.randomUUID();
        produce(opened(threadId, patient, PATIENT, true));

        awaitEpisodes(patient, r -> r.body("items", hasSize(1)))
                .body("items[0].status", equalTo("AWAITING_REVIEW"))
                .body("items[0].careTeam", equalTo("family-medicine"))
                .body("items[0].threadIds", contains(threadId.toString()))
                .body("items[0].openedAt", nullValue())
                .body("items[0].totalMinutes", equalTo(0))
                .body("items[0].code", nullValue());
    }

    @Test
    void aThreadTheCareTeamOpenedOpensNoEpisode() {
        String patient = newPatient();
        UUID careTeamThread = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        produce(opened(careTeamThread, patient, DOCTOR, false), opened(marker, patient, PATIENT, true));

        awaitEpisodes(patient, r -> r.body("items.threadIds.flatten()", contains(marker.toString())));
    }

    @Test
    void theSameEventTwiceOpensOneEpisode() {
        String patient = newPatient();
        CloudEvent first = opened(UUID.randomUUID(), patient, PATIENT, true);
        UUID marker = UUID.randomUUID();
        produce(first, first, opened(marker, patient, PATIENT, true));

        awaitEpisodes(patient, r -> r.body("items.threadIds.flatten()",
                contains(marker.toString(), first.subject())));
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillProcessed() {
        String patient = newPatient();
        // keys of this test only: other tests (e.g. ProxyGrantConsumer's poison records) share the dead-letter topic
        String notJsonKey = patient + "-not-json";
        String badIdKey = patient + "-bad-thread-id";
        String notJson = "not an event at all";
        CloudEvent badThreadId = codec.envelope(EventType.THREAD_OPENED, "/careline/messaging-service", badIdKey,
                badIdKey, Instant.now(), new ThreadOpened("not-a-uuid", patient, "family-medicine", MessageTopic.OTHER,
                        PATIENT, true, Instant.now()));
        UUID good = UUID.randomUUID();
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.MESSAGING_THREADS, 0, notJsonKey, notJson),
                relayed(badIdKey, codec.write(badThreadId))).awaitCompletion();
        produce(opened(good, patient, PATIENT, true));

        var dlq = kafka.consumeStrings().fromTopics(DLQ);
        try {
            Map<String, String> expected = Map.of(notJsonKey, notJson, badIdKey, codec.write(badThreadId));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(expected,
                    List.copyOf(dlq.getRecords()).stream()
                            .filter(r -> r.key() != null && r.key().startsWith(patient))
                            .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value))));
        } finally {
            dlq.stop();
        }
        awaitEpisodes(patient, r -> r.body("items.threadIds.flatten()", contains(good.toString())));
    }

    private static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private CloudEvent opened(UUID threadId, String patientId, Participant by, boolean patientInitiated) {
        Instant now = Instant.now();
        ThreadOpened payload = new ThreadOpened(threadId.toString(), patientId, "family-medicine",
                MessageTopic.CLINICAL_QUESTION, by, patientInitiated, now);
        return codec.envelope(EventType.THREAD_OPENED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), now, payload);
    }

    /** Sends the events in order to one partition. */
    private void produce(CloudEvent... events) {
        for (CloudEvent event : events) {
            kafka.produceStrings().fromRecords(relayed(event.partitionkey(), codec.write(event))).awaitCompletion();
        }
    }

    /** A record as messaging's outbox relay writes it (CloudEvent headers), on partition 0 to keep order. */
    private static ProducerRecord<String, String> relayed(String key, String json) {
        return RelayedEvents.record(Topics.MESSAGING_THREADS, 0, key, json, EventType.THREAD_OPENED.type());
    }

    /** Polls the REST API as a biller until the patient's episodes satisfy {@code condition}. */
    private ValidatableResponse awaitEpisodes(String patientId, Consumer<ValidatableResponse> condition) {
        ValidatableResponse[] last = new ValidatableResponse[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ValidatableResponse response = given().auth().oauth2(EpisodeResourceTest.BILLER)
                    .queryParam("patientId", patientId).get(EpisodeResourceTest.PATH).then().statusCode(200);
            condition.accept(response);
            last[0] = response;
        });
        return last[0];
    }
}
