package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.Topics;
import org.careline.events.VisitReason;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitRequested;
import org.careline.events.VisitType;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.billing.TestEvents.DR_LEE;
import static org.careline.billing.TestEvents.logged;
import static org.careline.billing.TestEvents.newPatient;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Message to visit over the real Kafka broker: a visit requested during an e-visit window holds the episode
 * until the E/M visit arrives (the time rolls into it: voided) or the look-ahead passes (billed as usual).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class VisitRequestedFlowTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
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
    void aRequestedVisitHoldsTheEpisodeAndTheVisitTakesItsTime() {
        String patient = billablePatient();
        UUID thread = UUID.randomUUID();
        // the window started 8 days ago (it has ended); the visit was requested 5 days ago: its look-ahead runs on
        Instant start = Instant.now().minus(8, ChronoUnit.DAYS);
        Instant requested = start.plus(3, ChronoUnit.DAYS);
        CloudEvent visit = requested(thread, patient, "vr-" + UUID.randomUUID(), requested);
        TestEvents.produce(kafka, logged(thread, patient, DR_LEE, 14, true, true, start), visit, visit);

        awaitEpisodes(patient, r -> r.body("items[0].reason", equalTo("VISIT_REQUESTED")))
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("HELD"))
                .body("items[0].code", equalTo("99422"));
        String episodeId = given().auth().oauth2(EpisodeResourceTest.BILLER).queryParam("patientId", patient)
                .get(EpisodeResourceTest.PATH).then().extract().path("items[0].id");
        given().auth().oauth2(EpisodeResourceTest.BILLER).get(EpisodeResourceTest.PATH + "/{id}/trace", episodeId)
                .then().statusCode(200)
                .body("steps.rule", hasItem("hold.requested-visit"))
                .body("steps.find { it.rule == 'hold.requested-visit' }.passed", equalTo(false))
                .body("steps.find { it.rule == 'hold.requested-visit' }.detail", containsString("held until"));
        // the same event twice: one request kept
        assertEquals(1, Fixtures.count("select count(*) from visit_request where patient_id = ?", patient));
        assertEquals(1, Fixtures.count("select count(*) from episode where patient_id = ? and hold_until is not null",
                patient));

        // the EHR reports the visit two days after the request: the time rolls into it, the held charge is voided
        given().auth().oauth2(BillingApiTest.EHR).contentType(ContentType.JSON)
                .body("{\"externalId\":\"visit-" + patient + "\",\"patientId\":\"" + patient + "\",\"date\":\""
                        + requested.atZone(NY).toLocalDate().plusDays(2) + "\",\"kind\":\"EM_OFFICE_VISIT\"}")
                .post("/api/v1/billing/encounters").then().statusCode(201);
        awaitEpisodes(patient, r -> r.body("items[0].status", equalTo("VOID")))
                .body("items[0].reason", equalTo("EM_VISIT_NEXT_7_DAYS"))
                .body("items[0].code", nullValue());
        given().auth().oauth2(EpisodeResourceTest.BILLER).get(EpisodeResourceTest.PATH + "/{id}/trace", episodeId)
                .then().body("steps.find { it.rule == 'exclusion.requested-visit' }.detail",
                        containsString("rolls into the requested visit"));
        assertEquals(0, Fixtures.count("select count(*) from episode where patient_id = ? and hold_until is not null",
                patient));
    }

    @Test
    void whenTheLookAheadHasPassedWithoutAVisitTheEvisitStands() {
        String patient = billablePatient();
        UUID thread = UUID.randomUUID();
        Instant start = Instant.now().minus(12, ChronoUnit.DAYS);
        TestEvents.produce(kafka, logged(thread, patient, DR_LEE, 14, true, true, start),
                requested(thread, patient, "vr-" + UUID.randomUUID(), start.plus(1, ChronoUnit.DAYS)));

        await().atMost(Duration.ofSeconds(120)).until(() ->
                Fixtures.count("select count(*) from visit_request where patient_id = ?", patient) == 1);
        awaitEpisodes(patient, r -> r.body("items[0].status", equalTo("READY")))
                .body("items[0].code", equalTo("99422"))
                .body("items[0].reason", nullValue());
        String episodeId = given().auth().oauth2(EpisodeResourceTest.BILLER).queryParam("patientId", patient)
                .get(EpisodeResourceTest.PATH).then().extract().path("items[0].id");
        given().auth().oauth2(EpisodeResourceTest.BILLER).get(EpisodeResourceTest.PATH + "/{id}/trace", episodeId)
                .then().body("steps.find { it.rule == 'hold.requested-visit' }.passed", equalTo(true));
    }

    @Test
    void aVisitRequestOutsideTheWindowChangesNothing() {
        String patient = billablePatient();
        UUID thread = UUID.randomUUID();
        Instant start = Instant.now().minus(9, ChronoUnit.DAYS);
        // requested the day before the first review
        TestEvents.produce(kafka, requested(thread, patient, "vr-" + UUID.randomUUID(), start.minus(1, ChronoUnit.DAYS)),
                logged(thread, patient, DR_LEE, 6, true, true, start));

        awaitEpisodes(patient, r -> r.body("items[0].status", equalTo("READY")))
                .body("items[0].code", equalTo("99421"));
    }

    @Test
    void aMalformedVisitRequestGoesToTheDeadLetterTopic() {
        CloudEvent bad = codec.envelope(EventType.VISIT_REQUESTED, "/careline/messaging-service", "x", "bad-visit",
                Instant.now(), new VisitRequested("vr-bad", "not-a-uuid", newPatient(), "family-medicine",
                        VisitRequestSource.CARE_TEAM, DR_LEE, VisitType.VIDEO, VisitReason.FOLLOW_UP, true, Instant.now()));
        kafka.produceStrings().fromRecords(RelayedEvents.record(Topics.MESSAGING_THREADS, 0, "bad-visit",
                codec.write(bad), EventType.VISIT_REQUESTED.type())).awaitCompletion();

        ConsumerRecord<String, String> dead = RelayedEvents.awaitRecord(kafka, "careline.dlq.billing",
                r -> "bad-visit".equals(r.key()), Duration.ofSeconds(30));
        assertEquals(codec.write(bad), dead.value());
        assertEquals(0, Fixtures.count("select count(*) from visit_request where visit_request_id = 'vr-bad'"));
    }

    /** As TimeLoggedFlowTest's, with a longer deadline: a loaded machine delays consumers and the scheduler. */
    private static ValidatableResponse awaitEpisodes(String patientId, Consumer<ValidatableResponse> condition) {
        ValidatableResponse[] last = new ValidatableResponse[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            ValidatableResponse response = given().auth().oauth2(EpisodeResourceTest.BILLER)
                    .queryParam("patientId", patientId).get(EpisodeResourceTest.PATH).then().statusCode(200);
            condition.accept(response);
            last[0] = response;
        });
        return last[0];
    }

    private static String billablePatient() {
        String patient = newPatient();
        Fixtures.established(patient, true);
        Fixtures.consent(patient, Instant.now().minus(30, ChronoUnit.DAYS));
        return patient;
    }

    private CloudEvent requested(UUID thread, String patient, String id, Instant at) {
        return codec.envelope(EventType.VISIT_REQUESTED, "/careline/messaging-service", thread.toString(),
                thread.toString(), at, new VisitRequested(id, thread.toString(), patient, "family-medicine",
                        VisitRequestSource.CARE_TEAM, DR_LEE, VisitType.IN_PERSON, VisitReason.NEEDS_EXAMINATION,
                        true, at));
    }
}
