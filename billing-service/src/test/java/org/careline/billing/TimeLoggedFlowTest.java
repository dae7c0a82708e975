package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.ChargeChanged;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessageTopic;
import org.careline.events.TimeLogged;
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
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.careline.billing.TestEvents.DR_LEE;
import static org.careline.billing.TestEvents.NP_KIM;
import static org.careline.billing.TestEvents.RN_ORTIZ;
import static org.careline.billing.TestEvents.logged;
import static org.careline.billing.TestEvents.newPatient;
import static org.careline.billing.TestEvents.opened;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time-logged events in over the real Kafka broker, episodes and charges out: decided by the scheduler once
 * the window ends, announced on {@code careline.billing.charges} by the outbox relay. Windows here started
 * ten days ago, so the scheduler decides them on its next run.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class TimeLoggedFlowTest {


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
    void twoCliniciansTimeAddsUpToAReadyChargeAnnouncedOnKafka() {
        String patient = newPatient();
        Fixtures.established(patient, true);
        Fixtures.consent(patient, Instant.now().minus(30, ChronoUnit.DAYS));
        UUID thread = UUID.randomUUID();
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS);
        CloudEvent first = logged(thread, patient, DR_LEE, 6, true, true, start);

        produce(opened(thread, patient, start.minusSeconds(600)), first, first,
                logged(thread, patient, RN_ORTIZ, 15, true, true, start.plusSeconds(600)),
                logged(thread, patient, NP_KIM, 7, false, true, start.plus(1, ChronoUnit.DAYS)));

        // the window ended long ago, so the scheduler may decide after the first entry and decide again when the
        // rest arrive (late time inside a decided window): the end state is the same either way
        ValidatableResponse episode = awaitEpisodes(patient, r -> r.body("items[0].code", equalTo("99422")));
        episode.body("items", hasSize(1))
                .body("items[0].status", equalTo("READY"))
                .body("items[0].totalMinutes", equalTo(13))
                .body("items[0].threadIds", contains(thread.toString()))
                .body("items[0].reason", nullValue());

        ConsumerRecord<String, String> ready = RelayedEvents.awaitRecord(kafka, Topics.BILLING_CHARGES,
                r -> r.value().contains(patient) && r.value().contains("\"99422\""), Duration.ofSeconds(30));
        ChargeChanged changed = codec.data(codec.read(ready.value()), EventType.CHARGE_CHANGED, ChargeChanged.class);
        assertEquals("READY", changed.status());
        assertEquals(patient, changed.patientId());
        assertEquals(13, changed.minutes());
        assertEquals(changed.chargeId(), ready.key());
    }

    @Test
    void timeDeliveredAfterTheDecisionButInsideTheWindowIsDecidedAgain() {
        String patient = newPatient();
        Fixtures.established(patient, true);
        Fixtures.consent(patient, Instant.now().minus(30, ChronoUnit.DAYS));
        UUID thread = UUID.randomUUID();
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS);
        produce(logged(thread, patient, DR_LEE, 6, true, true, start));
        awaitEpisodes(patient, r -> r.body("items[0].code", equalTo("99421")));

        produce(logged(thread, patient, NP_KIM, 6, true, true, start.plus(2, ChronoUnit.DAYS)));

        awaitEpisodes(patient, r -> r.body("items[0].code", equalTo("99422")))
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("READY"))
                .body("items[0].totalMinutes", equalTo(12));
    }

    @Test
    void withoutConsentTheChargeIsHeld() {
        String patient = newPatient();
        Fixtures.established(patient, true);
        UUID thread = UUID.randomUUID();
        produce(logged(thread, patient, DR_LEE, 25, true, true, Instant.now().minus(9, ChronoUnit.DAYS)));

        awaitEpisodes(patient, r -> r.body("items[0].status", equalTo("HELD")))
                .body("items[0].code", equalTo("99423"))
                .body("items[0].reason", equalTo("CONSENT_MISSING"));
    }

    @Test
    void aCareTeamThreadIsNotBillableAtOnceWithOneEpisodePerThreadAndWindow() {
        String patient = newPatient();
        UUID thread = UUID.randomUUID();
        Instant now = Instant.now();
        produce(logged(thread, patient, DR_LEE, 12, true, false, now),
                logged(thread, patient, DR_LEE, 3, true, false, now.plusSeconds(60)));

        awaitEpisodes(patient, r -> r.body("items[0].totalMinutes", equalTo(15)))
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("NOT_BILLABLE"))
                .body("items[0].reason", equalTo("NOT_PATIENT_INITIATED"))
                .body("items[0].code", nullValue())
                .body("items[0].threadIds", contains(thread.toString()));
    }

    @Test
    void anOpenWindowIsPendingAndCollectsEveryThreadOfThePatient() {
        String patient = newPatient();
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        Instant now = Instant.now();
        produce(opened(t1, patient, now.minusSeconds(60)), opened(t2, patient, now.minusSeconds(30)),
                logged(t1, patient, DR_LEE, 4, true, true, now), logged(t2, patient, NP_KIM, 3, false, true,
                        now.plusSeconds(1)));

        awaitEpisodes(patient, r -> r.body("items[0].threadIds", hasSize(2)))
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].totalMinutes", equalTo(7))
                .body("items[0].threadIds", containsInAnyOrder(t1.toString(), t2.toString()));
    }

    @Test
    void aMalformedTimeLogGoesToTheDeadLetterTopic() {
        String patient = newPatient();
        CloudEvent bad = codec.envelope(EventType.TIME_LOGGED, "/careline/messaging-service", "x", "bad-time",
                Instant.now(), new TimeLogged(UUID.randomUUID().toString(), "m-" + UUID.randomUUID(), patient,
                        "family-medicine", MessageTopic.OTHER, DR_LEE, 0, true, true, Instant.now()));
        kafka.produceStrings().fromRecords(RelayedEvents.record(Topics.MESSAGING_THREADS, 0, "bad-time",
                codec.write(bad), EventType.TIME_LOGGED.type())).awaitCompletion();

        ConsumerRecord<String, String> dead = RelayedEvents.awaitRecord(kafka, "careline.dlq.billing",
                r -> "bad-time".equals(r.key()), Duration.ofSeconds(30));
        assertEquals(codec.write(bad), dead.value());
    }

    private void produce(CloudEvent... events) {
        TestEvents.produce(kafka, events);
    }

    static ValidatableResponse awaitEpisodes(String patientId, Consumer<ValidatableResponse> condition) {
        ValidatableResponse[] last = new ValidatableResponse[1];
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            ValidatableResponse response = given().auth().oauth2(EpisodeResourceTest.BILLER)
                    .queryParam("patientId", patientId).get(EpisodeResourceTest.PATH).then().statusCode(200);
            condition.accept(response);
            last[0] = response;
        });
        return last[0];
    }
}
