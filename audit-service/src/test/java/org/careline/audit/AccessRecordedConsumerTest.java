package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.CODEC;
import static org.careline.audit.AuditFixtures.DEAD_LETTERS;
import static org.careline.audit.AuditFixtures.access;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.newPatientId;
import static org.careline.audit.AuditFixtures.publish;
import static org.careline.audit.AuditFixtures.publishRaw;
import static org.careline.audit.AuditFixtures.read;
import static org.careline.audit.AuditFixtures.search;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Audit records travel over the real embedded Kafka broker into the real PostgreSQL store. */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AccessRecordedConsumerTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void publishedRecordsAreVisibleThroughTheApiFilteredByPatient() {
        String patient = newPatientId("P-kafka");
        CloudEvent first = event(read(patient, "sub-dr.lee", T));
        CloudEvent second = event(access(patient, "sub-rn.ortiz", AuditAction.CREATE, AuditOutcome.SUCCESS,
                T.plusSeconds(5)));
        CloudEvent otherPatient = event(read(newPatientId("P-other"), "sub-dr.lee", T));
        publish(first, second, otherPatient);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "action", "READ"))
                        .then().statusCode(200).body("items.eventId", contains(first.id())));
        search(AUDITOR, Map.of("patientId", patient, "action", "CREATE"))
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].eventId", equalTo(second.id()))
                .body("items[0].userId", equalTo("sub-rn.ortiz"))
                .body("items[0].sourceService", equalTo("messaging-service"))
                .body("items[0].resourceType", equalTo("Thread"))
                .body("items[0].patientId", equalTo(patient))
                .body("items[0].purposeOfUse", equalTo("TREAT"))
                .body("items[0].outcome", equalTo("SUCCESS"))
                .body("items[0].occurredAt", equalTo("2026-11-23T10:15:35Z"));
        // every record found by patient is that patient's, and the other patient's record is not among them
        search(AUDITOR, Map.of("patientId", patient)).then().statusCode(200)
                .body("items.patientId", everyItem(equalTo(patient)))
                .body("items.eventId", hasItems(first.id(), second.id()))
                .body("items.eventId", not(hasItem(otherPatient.id())));
    }

    @Test
    void theSameEventDeliveredTwiceIsStoredOnce() throws SQLException {
        String patient = newPatientId("P-dup");
        CloudEvent twice = event(read(patient, "sub-dr.lee", T));
        CloudEvent marker = event(read(patient, "sub-dr.lee", T.plusSeconds(1)));
        // same key, same partition: by the time the marker is stored, both copies were consumed
        publish(twice, twice, marker);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "action", "READ"))
                        .then().statusCode(200).body("items.eventId", containsInAnyOrder(marker.id(), twice.id())));
        assertEquals(1, countRows(twice.id()));
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillStored() {
        String patient = newPatientId("P-dlq");
        String malformed = "{\"specversion\":\"1.0\", \"data\": chest pain and the patient's name";
        CloudEvent good = event(read(patient, "sub-dr.lee", T));
        publishRaw(List.of(AuditFixtures.record(patient, malformed), AuditFixtures.record(patient, CODEC.write(good))));

        ConsumerRecord<String, String> dead = awaitDeadLetter(patient);
        assertEquals(malformed, dead.value());
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "the dead letter says why");
        assertFalse(new String(reason.value(), StandardCharsets.UTF_8).contains("chest pain"),
                "the reason never quotes the record");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "action", "READ"))
                        .then().statusCode(200).body("items.eventId", contains(good.id())));
    }

    @Test
    void aRecordThatBreaksItsSchemaGoesToTheDeadLetterTopic() throws SQLException {
        String patient = newPatientId("P-schema");
        AccessRecorded valid = read(patient, "sub-dr.lee", T);
        AccessRecorded withoutUser = new AccessRecorded(valid.service(), null, valid.username(), valid.role(),
                valid.clientId(), valid.sourceAddress(), valid.action(), valid.resourceType(), valid.resourceId(),
                patient, valid.purposeOfUse(), valid.outcome(), valid.requestId(), valid.occurredAt());
        CloudEvent broken = event(withoutUser);
        CloudEvent good = event(valid);
        publish(broken, good);

        ConsumerRecord<String, String> dead = awaitDeadLetter(patient);
        assertTrue(dead.value().contains(broken.id()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "action", "READ"))
                        .then().statusCode(200).body("items.eventId", contains(good.id())));
        assertEquals(0, countRows(broken.id()));
    }

    @Test
    void theKafkaPositionAndTheRecordAsReceivedAreKeptForTheHashChain() throws SQLException {
        String patient = newPatientId("P-position");
        CloudEvent event = event(read(patient, "sub-dr.lee", T));
        publish(event);
        await().atMost(Duration.ofSeconds(30)).until(() -> countRows(event.id()) == 1);

        try (Connection db = connect();
             PreparedStatement select = db.prepareStatement("select kafka_topic, kafka_partition, kafka_offset, raw_event,"
                     + " event_source, event_type from audit_record where event_id = ?")) {
            select.setString(1, event.id());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals(Topics.AUDIT_RECORDS, row.getString("kafka_topic"));
                assertTrue(row.getInt("kafka_partition") >= 0 && !row.wasNull());
                assertTrue(row.getLong("kafka_offset") >= 0 && !row.wasNull());
                assertEquals(CODEC.write(event), row.getString("raw_event"));
                assertEquals("/careline/messaging-service", row.getString("event_source"));
                assertEquals("careline.audit.access-recorded.v1", row.getString("event_type"));
            }
        }
    }

    @Test
    void aDatabaseFailureIsRetriedInsteadOfDeadLettered() throws SQLException {
        String patient = newPatientId("P-outage");
        CloudEvent event = event(read(patient, "sub-dr.lee", T));
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            // simulate an outage for this one event: its insert fails (and counts the attempt) while it is listed;
            // security definer: the service's writer role has no rights on these test objects
            sql.execute("create table if not exists outage_test (event_id varchar(255) primary key)");
            sql.execute("create sequence if not exists outage_test_attempts");
            sql.execute("""
                    create or replace function outage_test_fail() returns trigger language plpgsql security definer as $$
                    begin
                        if exists (select 1 from outage_test where event_id = new.event_id) then
                            perform nextval('outage_test_attempts');
                            raise exception 'simulated outage';
                        end if;
                        return new;
                    end $$""");
            sql.execute("create trigger outage_test before insert on audit_record for each row"
                    + " execute function outage_test_fail()");
            try {
                sql.execute("insert into outage_test values ('" + event.id() + "')");
                long before = attempts(sql);
                publish(event);
                await().atMost(Duration.ofSeconds(30)).until(() -> attempts(sql) >= before + 1);
                sql.execute("delete from outage_test");
                await().atMost(Duration.ofSeconds(30)).until(() -> countRows(event.id()) == 1);
            } finally {
                sql.execute("drop trigger if exists outage_test on audit_record");
                sql.execute("drop function if exists outage_test_fail()");
                sql.execute("drop table if exists outage_test");
                sql.execute("drop sequence if exists outage_test_attempts");
            }
        }
    }

    private static long attempts(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("select case when is_called then last_value else 0 end"
                + " from outage_test_attempts")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Reads the dead-letter topic from the start until the record with this key arrives. */
    private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            List<ConsumerRecord<String, String>> records = kafka.consumeStrings()
                    .withGroupId("dead-letter-check-" + UUID.randomUUID())
                    .fromTopics(DEAD_LETTERS, stream -> stream.select().where(r -> key.equals(r.key())).select().first())
                    .awaitCompletion(Duration.ofSeconds(30))
                    .getRecords();
            assertEquals(1, records.size());
            return records.get(0);
        }
    }

    static long countRows(String eventId) throws SQLException {
        try (Connection db = connect();
             PreparedStatement count = db.prepareStatement("select count(*) from audit_record where event_id = ?")) {
            count.setString(1, eventId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    static Connection connect() throws SQLException {
        return TestDatabase.connect();
    }
}
