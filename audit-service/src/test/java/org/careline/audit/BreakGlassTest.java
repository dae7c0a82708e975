package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.BreakGlassGranted;
import org.careline.events.CloudEvent;
import org.careline.events.EventType;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.CLINICIAN;
import static org.careline.audit.AuditFixtures.CODEC;
import static org.careline.audit.AuditFixtures.PATIENT;
import static org.careline.audit.AuditFixtures.newPatientId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Break-the-glass: granted for a limited time, announced over real Kafka without the reason, audited, reviewed. */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class BreakGlassTest {

    private static final String BREAK_GLASS = "/api/v1/audit/break-glass";
    private static final String REASON = "Chest pain, unresponsive, covering for the on-call team";

    @Test
    void aGrantIsTimeLimitedAnnouncedWithoutItsReasonAuditedAndAwaitsReview() {
        String patient = newPatientId("P-glass");
        var created = given().auth().oauth2(CLINICIAN).contentType("application/json")
                .body(Map.of("patientId", patient, "reason", REASON))
                .post(BREAK_GLASS).then().statusCode(201)
                .header("Location", containsString(BREAK_GLASS + "/"))
                .body("patientId", equalTo(patient))
                .body("userId", equalTo("sub-dr.lee"))
                .body("reason", equalTo(REASON))
                .body("reviewedAt", equalTo(null))
                .extract().jsonPath();
        String grantId = created.getString("grantId");
        Instant grantedAt = Instant.parse(created.getString("grantedAt"));
        assertEquals(grantedAt.plus(Duration.ofHours(1)), Instant.parse(created.getString("expiresAt")));

        // announced over the real broker, keyed by patient, without the reason
        ConsumerRecord<String, String> announced = awaitGrant(patient);
        assertFalse(announced.value().contains("Chest pain"), "the reason never leaves audit-service");
        CloudEvent event = CODEC.read(announced.value());
        BreakGlassGranted grant = CODEC.data(event, EventType.BREAK_GLASS_GRANTED, BreakGlassGranted.class);
        assertEquals(grantId, grant.grantId());
        assertEquals("sub-dr.lee", grant.userId());
        assertEquals(patient, grant.patientId());
        assertEquals(grantedAt.plus(Duration.ofHours(1)), grant.expiresAt());

        // recorded as break-the-glass: purpose ETREAT, in the same transaction
        List<AccessRecorded> audited = TestDatabase.auditedAccesses("BreakGlassGrant/" + grantId);
        assertEquals(1, audited.size());
        assertEquals(AuditAction.CREATE, audited.get(0).action());
        assertEquals("ETREAT", audited.get(0).purposeOfUse());
        assertEquals(patient, audited.get(0).patientId());

        // flagged for review until an auditor reviews it, once
        given().auth().oauth2(AUDITOR).queryParam("reviewed", "false").queryParam("limit", "200").get(BREAK_GLASS)
                .then().statusCode(200).body("items.grantId", hasItem(grantId));
        given().auth().oauth2(AUDITOR).contentType("application/json").body(Map.of("outcome", "APPROPRIATE"))
                .post(BREAK_GLASS + "/" + grantId + "/review").then().statusCode(200)
                .body("reviewOutcome", equalTo("APPROPRIATE"))
                .body("reviewedBy", equalTo("sub-auditor1"))
                .body("reviewedAt", notNullValue());
        given().auth().oauth2(AUDITOR).contentType("application/json").body(Map.of("outcome", "INAPPROPRIATE"))
                .post(BREAK_GLASS + "/" + grantId + "/review").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).queryParam("reviewed", "false").queryParam("limit", "200").get(BREAK_GLASS)
                .then().statusCode(200).body("items.grantId", not(hasItem(grantId)));
        given().auth().oauth2(AUDITOR).queryParam("reviewed", "true").queryParam("limit", "200").get(BREAK_GLASS)
                .then().statusCode(200).body("items.grantId", hasItem(grantId));
    }

    @Test
    void theGrantIsVisibleToItsClinicianAndAuditorsOnly() {
        String grantId = given().auth().oauth2(CLINICIAN).contentType("application/json")
                .body(Map.of("patientId", newPatientId("P-glass-own"), "reason", "emergency"))
                .post(BREAK_GLASS).then().statusCode(201).extract().path("grantId");
        given().auth().oauth2(CLINICIAN).get(BREAK_GLASS + "/" + grantId).then().statusCode(200);
        given().auth().oauth2(AUDITOR).get(BREAK_GLASS + "/" + grantId).then().statusCode(200);
        String otherClinician = TestTokens.clinician("dr.shah", "MD", "/care-teams/cardiology/physicians");
        given().auth().oauth2(otherClinician).get(BREAK_GLASS + "/" + grantId).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).get(BREAK_GLASS + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(AUDITOR).get(BREAK_GLASS + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void badRequestsAre400ProblemsThatDoNotEchoTheReason() {
        String longReason = "secret diagnosis " + "x".repeat(1000);
        given().auth().oauth2(CLINICIAN).contentType("application/json").body(Map.of("patientId", "P-1001"))
                .post(BREAK_GLASS).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("reason"));
        given().auth().oauth2(CLINICIAN).contentType("application/json")
                .body(Map.of("patientId", "P-1001", "reason", longReason))
                .post(BREAK_GLASS).then().statusCode(400).body(not(containsString("secret diagnosis")));
        given().auth().oauth2(CLINICIAN).contentType("application/json").body(Map.of("reason", "emergency"))
                .post(BREAK_GLASS).then().statusCode(400).body("detail", containsString("patientId"));
        given().auth().oauth2(CLINICIAN).contentType("application/json").body("{not json")
                .post(BREAK_GLASS).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).contentType("application/json").body(Map.of("outcome", "MAYBE"))
                .post(BREAK_GLASS + "/" + UUID.randomUUID() + "/review").then().statusCode(400)
                .body("type", endsWith("/bad-request"));
        given().auth().oauth2(AUDITOR).queryParam("reviewed", "perhaps").get(BREAK_GLASS).then().statusCode(400);
        given().auth().oauth2(PATIENT).contentType("application/json")
                .body(Map.of("patientId", "P-1001", "reason", "I want in")).post(BREAK_GLASS).then().statusCode(403);
    }

    private static ConsumerRecord<String, String> awaitGrant(String patientId) {
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            List<ConsumerRecord<String, String>> records = kafka.consumeStrings()
                    .withGroupId("grant-check-" + UUID.randomUUID())
                    .fromTopics(Topics.AUDIT_GRANTS, stream -> stream.select().where(r -> patientId.equals(r.key()))
                            .select().first())
                    .awaitCompletion(Duration.ofSeconds(30))
                    .getRecords();
            assertEquals(1, records.size());
            return records.get(0);
        }
    }
}
