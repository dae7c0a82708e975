package org.careline.audit;

import org.careline.audit.service.AuditRecordService;
import org.careline.audit.service.KafkaPosition;
import org.careline.events.CloudEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.CODEC;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.read;

/** Chains of their own for tests (a made-up topic, partition 0), and tampering straight in the database. */
final class ChainFixtures {

    private ChainFixtures() {
    }

    /** A new chain: records stored on it are nobody else's. */
    static String newTopic(String prefix) {
        return "test." + prefix + "-" + UUID.randomUUID();
    }

    static String chainOf(String topic) {
        return topic + "/0";
    }

    /** Stores {@code count} records on {@code topic}, partition 0, offsets from 0, as the consumer would. */
    static List<CloudEvent> store(AuditRecordService service, String topic, int count) {
        return store(service, topic, 0, count);
    }

    static List<CloudEvent> store(AuditRecordService service, String topic, long firstOffset, int count) {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CloudEvent event = event(read("P-chain-" + UUID.randomUUID(), "sub-dr.lee", java.time.Instant.now()));
            service.store(event, CODEC.write(event), new KafkaPosition(topic, 0, firstOffset + i)).await().indefinitely();
            events.add(event);
        }
        return events;
    }

    /**
     * Runs SQL as the superuser with triggers off for the session ({@code session_replication_role = replica}):
     * what an attacker with database administrator rights could do.
     */
    static void tamper(String... statements) throws SQLException {
        try (Connection db = org.careline.testsupport.TestDatabase.connect(); Statement sql = db.createStatement()) {
            sql.execute("set session_replication_role = replica");
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    static io.restassured.response.ValidatableResponse verify(String chainId) {
        return given().auth().oauth2(AUDITOR).queryParam("chainId", chainId).get("/api/v1/audit/verify")
                .then().statusCode(200);
    }
}
