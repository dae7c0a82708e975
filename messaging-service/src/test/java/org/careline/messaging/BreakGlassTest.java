package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.careline.events.AccessRecorded;
import org.careline.events.BreakGlassGranted;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.openThread;
import static org.careline.messaging.Actors.reply;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Break-the-glass grants arrive from audit-service over a real Kafka broker, are kept idempotently, and
 * let a clinician outside the care team read (never write) that patient's threads until they expire,
 * each access audited with purpose of use ETREAT.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class BreakGlassTest {

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
    void aLiveGrantLetsAnOutsideClinicianReadTheThreadsAuditedAsEmergencyTreatment() {
        String patient = Actors.patient("patient-bg-1", "P-BG1", "family-medicine");
        String threadId = openThread(patient, Actors.NEW_THREAD);
        String erDoctor = Actors.clinician("dr.er1", "MD", "/care-teams/emergency/physicians");
        given().auth().oauth2(erDoctor).get("/api/v1/threads/{id}", threadId).then().statusCode(404);

        CloudEvent grant = grant("sub-dr.er1", "P-BG1", Instant.now().plus(4, ChronoUnit.HOURS));
        kafka.produceStrings().fromRecords(RelayedEvents.record(grant), RelayedEvents.record(grant)).awaitCompletion();

        String requestId = "bg-read-" + UUID.randomUUID();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(erDoctor).header("X-Request-Id", requestId)
                        .get("/api/v1/threads/{id}", threadId).statusCode() == 200);

        List<AccessRecorded> audits = Outboxes.auditsOfRequest(requestId);
        AccessRecorded read = audits.get(audits.size() - 1);
        assertEquals("ETREAT", read.purposeOfUse());
        assertEquals("P-BG1", read.patientId());
        assertEquals("dr.er1", read.username());

        String listId = "bg-list-" + UUID.randomUUID();
        given().auth().oauth2(erDoctor).header("X-Request-Id", listId).queryParam("patientId", "P-BG1")
                .get("/api/v1/threads").then().statusCode(200).body("items.id", hasItem(threadId));
        assertTrue(Outboxes.auditsOfRequest(listId).stream().allMatch(a -> "ETREAT".equals(a.purposeOfUse())));

        // read only: no replies under break-the-glass
        reply(erDoctor, threadId, "{\"body\":\"Seen in the ED.\"}").then().statusCode(403)
                .contentType("application/problem+json");
        // the same grant delivered twice is kept once
        assertEquals(1, count("select count(*) from break_glass_grant where grant_id = ?", grant.subject()));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", grant.id()));
    }

    @Test
    void anExpiredGrantLetsNobodyIn() {
        String patient = Actors.patient("patient-bg-2", "P-BG2", "family-medicine");
        String threadId = openThread(patient, Actors.NEW_THREAD);
        String erDoctor = Actors.clinician("dr.er2", "MD", "/care-teams/emergency/physicians");
        CloudEvent grant = grant("sub-dr.er2", "P-BG2", Instant.now().minus(1, ChronoUnit.MINUTES));
        kafka.produceStrings().fromRecords(RelayedEvents.record(grant)).awaitCompletion();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                count("select count(*) from break_glass_grant where grant_id = ?", grant.subject()) == 1);
        given().auth().oauth2(erDoctor).get("/api/v1/threads/{id}", threadId).then().statusCode(404);
    }

    @Test
    void aMalformedGrantGoesToTheDeadLetterTopic() {
        String key = "P-BG3-" + UUID.randomUUID();
        String notAnEvent = "{\"specversion\":\"1.0\", not json";
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.AUDIT_GRANTS, key, notAnEvent)).awaitCompletion();

        ConsumerRecord<String, String> dead = RelayedEvents.awaitRecord(kafka, "careline.dlq.messaging",
                r -> key.equals(r.key()), Duration.ofSeconds(30));
        assertEquals(notAnEvent, dead.value());
    }

    private CloudEvent grant(String userId, String patientId, Instant expiresAt) {
        String grantId = "g-" + UUID.randomUUID();
        Instant grantedAt = expiresAt.minus(4, ChronoUnit.HOURS);
        return codec.envelope(EventType.BREAK_GLASS_GRANTED, "/careline/audit-service", grantId, patientId, grantedAt,
                new BreakGlassGranted(grantId, userId, patientId, grantedAt, expiresAt));
    }

    private static long count(String sql, String param) {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
