package org.careline.audit;

import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Tokens, audit events and API calls shared by the audit-service tests. */
final class AuditFixtures {

    static final String AUDITOR = user("auditor1").roles("auditor").groups("/compliance").sign();
    static final String PATIENT = user("patient1").roles("patient").claim("patient_id", "P-1001")
            .claim("care_team", "family-medicine").sign();
    static final String CLINICIAN = user("dr.lee").roles("clinician").claim("credential", "MD")
            .groups("/care-teams/family-medicine/physicians").sign();
    static final String STAFF = user("frontdesk1").roles("staff").groups("/care-teams/family-medicine/front-desk").sign();
    static final String BILLER = user("biller1").roles("billing").groups("/billing-office").sign();
    static final String ADMIN = user("admin1").roles("admin").sign();
    static final String CAREGIVER = user("caregiver1").roles("caregiver").sign();

    /** A token that outlives the whole suite on a busy machine (TestTokens' default lasts five minutes). */
    static TestTokens.Builder user(String username) {
        return TestTokens.user(username).expiresAt(java.time.Instant.now().plus(4, java.time.temporal.ChronoUnit.HOURS)
                .getEpochSecond());
    }

    static final String EVENTS = "/api/v1/audit/events";
    static final String DEAD_LETTERS = Topics.DEAD_LETTER_PREFIX + "audit";
    static final EventCodec CODEC = new EventCodec();

    private AuditFixtures() {
    }

    /** A unique id for this test's patient, so tests never see each other's records. */
    static String newPatientId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A clinician's successful read of a thread of {@code patientId}. */
    static AccessRecorded read(String patientId, String userId, Instant at) {
        return access(patientId, userId, AuditAction.READ, AuditOutcome.SUCCESS, at);
    }

    static AccessRecorded access(String patientId, String userId, AuditAction action, AuditOutcome outcome,
                                 Instant at) {
        return new AccessRecorded("messaging-service", userId, "dr.lee", "clinician", "careline-web", "10.0.4.17",
                action, "Thread", UUID.randomUUID().toString(), patientId, "TREAT", outcome, "req-" + UUID.randomUUID(),
                at);
    }

    /** The CloudEvent a service's outbox would publish for {@code access}. */
    static CloudEvent event(AccessRecorded access) {
        return CODEC.envelope(EventType.ACCESS_RECORDED, "/careline/messaging-service",
                access.resourceType() + "/" + access.resourceId(), access.patientId(), access.occurredAt(), access);
    }

    /**
     * Publishes events on the audit topic in this order, exactly as the outbox relay does: keyed by
     * patient id, with the structured-mode CloudEvents content type header.
     */
    static void publish(CloudEvent... events) {
        List<ProducerRecord<String, String>> records = Arrays.stream(events)
                .map(e -> record(e.partitionkey(), CODEC.write(e)))
                .toList();
        publishRaw(records);
    }

    static ProducerRecord<String, String> record(String key, String value) {
        return RelayedEvents.record(Topics.AUDIT_RECORDS, null, key, value, EventType.ACCESS_RECORDED.type());
    }

    static void publishRaw(List<ProducerRecord<String, String>> records) {
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(20));
        }
    }

    static Response search(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).get(EVENTS);
    }
}
