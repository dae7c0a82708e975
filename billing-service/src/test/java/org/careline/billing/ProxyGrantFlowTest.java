package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.careline.events.CloudEvent;
import org.careline.events.EventType;
import org.careline.events.ProxyGrantChanged;
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
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.billing.TestEvents.CODEC;
import static org.careline.billing.TestEvents.newPatient;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Proxy grants arriving over the real embedded Kafka broker, as messaging's outbox relay publishes them (keyed by
 * patient, one partition): the caregiver may then consent; a revocation ends it, and an older change delivered
 * after it (a redelivery) does not bring the grant back.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ProxyGrantFlowTest {

    private static final String PATH = CaregiverConsentTest.PATH;
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
    void aGrantFromMessagingLetsTheCaregiverConsentUntilItIsRevoked() {
        String patient = newPatient();
        String caregiver = "cg-flow-" + patient;
        String token = CaregiverConsentTest.caregiverToken(caregiver);
        String grantId = UUID.randomUUID().toString();
        Instant created = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        Instant expires = created.plus(30, ChronoUnit.DAYS);
        ProxyGrantChanged granted = new ProxyGrantChanged(grantId, caregiver, patient, "READ_WRITE", expires, null,
                created);

        produce(changed(granted));
        // allowed once the grant is stored: no consent yet (404) instead of 403
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("patientId", patient).get(PATH + "/me").then().statusCode(404));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"evisit-2026-01\",\"patientId\":\"" + patient + "\"}").post(PATH)
                .then().statusCode(201).body("patientId", equalTo(patient));

        Instant revoked = created.plus(30, ChronoUnit.SECONDS);
        produce(changed(new ProxyGrantChanged(grantId, caregiver, patient, "READ_WRITE", expires, revoked, revoked)),
                // the creation again, as a new event (e.g. re-announced): older than the revocation, so ignored
                changed(granted));
        // a later marker grant on the same partition proves both were handled
        String marker = "cg-marker-" + patient;
        produce(changed(new ProxyGrantChanged(UUID.randomUUID().toString(), marker, patient, "READ_WRITE", expires,
                null, revoked)));
        String markerToken = CaregiverConsentTest.caregiverToken(marker);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(markerToken)
                .queryParam("patientId", patient).get(PATH + "/me").then().statusCode(200));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"textVersion\":\"evisit-2026-01\",\"patientId\":\"" + patient + "\"}").post(PATH)
                .then().statusCode(403).body("type", endsWith("/proxy-grant-required"));
        given().auth().oauth2(token).queryParam("patientId", patient).get(PATH + "/me")
                .then().statusCode(403);
    }

    @Test
    void poisonGrantsGoToTheDeadLetterTopicAndThePartitionKeepsFlowing() {
        String patient = newPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String notJson = "{\"specversion\":\"1.0\", not an event " + patient;
        String wrongShape = "[\"" + patient + "\", 1, 2]";
        CloudEvent lacking = changed(new ProxyGrantChanged(UUID.randomUUID().toString(), null, patient, "READ",
                now.plus(1, ChronoUnit.DAYS), null, now));
        String huge = patient + " " + "x".repeat(600 * 1024);
        String ignored = "cg-unknown-type-" + patient;
        String unknown = CODEC.write(changed(new ProxyGrantChanged(UUID.randomUUID().toString(), ignored, patient,
                "READ_WRITE", now.plus(30, ChronoUnit.DAYS), null, now)))
                .replace(EventType.PROXY_GRANT_CHANGED.type(), "careline.messaging.something-new.v9");
        List<String> poisons = List.of(notJson, wrongShape, CODEC.write(lacking), huge, unknown);
        for (int i = 0; i < poisons.size(); i++) {
            // partition 0 like the good record; a key of its own each, as other tests read the dead-letter
            // topic into a map by key
            kafka.produceStrings().fromRecords(List.of(RelayedEvents.record(Topics.MESSAGING_GRANTS, 0,
                    patient + "-poison-" + i, poisons.get(i), null))).awaitCompletion();
        }
        // a good grant after them on the same partition
        String caregiver = "cg-after-poison-" + patient;
        produce(changed(new ProxyGrantChanged(UUID.randomUUID().toString(), caregiver, patient, "READ_WRITE",
                now.plus(30, ChronoUnit.DAYS), null, now)));

        String token = CaregiverConsentTest.caregiverToken(caregiver);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("patientId", patient).get(PATH + "/me").then().statusCode(404));
        for (String poison : List.of(notJson, wrongShape, CODEC.write(lacking), huge)) {
            RelayedEvents.awaitRecord(kafka, "careline.dlq.billing", r -> poison.equals(r.value()),
                    Duration.ofSeconds(60));
        }
        // an event type this consumer does not know is skipped (topics carry several types), never applied
        given().auth().oauth2(CaregiverConsentTest.caregiverToken(ignored)).queryParam("patientId", patient)
                .get(PATH + "/me").then().statusCode(403);
    }

    private static CloudEvent changed(ProxyGrantChanged change) {
        return CODEC.envelope(EventType.PROXY_GRANT_CHANGED, "/careline/messaging-service", change.grantId(),
                change.patientId(), change.changedAt(), change);
    }

    /** In order, to one partition, as messaging's relay keys them by patient. */
    private void produce(CloudEvent... events) {
        for (CloudEvent event : events) {
            kafka.produceStrings().fromRecords(List.of(RelayedEvents.record(Topics.MESSAGING_GRANTS, 0,
                    event.partitionkey(), CODEC.write(event), event.type()))).awaitCompletion();
        }
    }
}
