package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.careline.audit.AccessRecordedConsumerTest.connect;
import static org.careline.audit.AccessRecordedConsumerTest.countRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database itself keeps {@code audit_record} append-only: whoever connects (here the superuser),
 * UPDATE, DELETE and TRUNCATE are rejected, even when they would touch no row.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuditRecordTableTest {

    private String eventId;

    @BeforeEach
    void insertARecord() throws SQLException {
        eventId = UUID.randomUUID().toString();
        try (Connection db = connect();
             PreparedStatement insert = db.prepareStatement("""
                     insert into audit_record (event_id, event_source, event_type, source_service, user_id, action,
                         resource_type, patient_id, outcome, occurred_at, received_at, raw_event)
                     values (?, '/careline/test', 'careline.audit.access-recorded.v1', 'test', 'sub-dr.lee', 'READ',
                         'Thread', 'P-append-only', 'SUCCESS', now(), now(), '{}')""")) {
            insert.setString(1, eventId);
            assertEquals(1, insert.executeUpdate(), "inserting stays possible");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "update audit_record set outcome = 'DENIED' where event_id = '%s'",
            "update audit_record set patient_id = null",
            "delete from audit_record where event_id = '%s'",
            "delete from audit_record",
            "truncate audit_record"})
    void changingOrRemovingRecordsIsRejected(String sql) throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            SQLException rejected = assertThrows(SQLException.class, () -> statement.execute(sql.formatted(eventId)));
            assertEquals("42501", rejected.getSQLState());
            assertTrue(rejected.getMessage().contains("audit_record is append-only"), rejected.getMessage());
        }
        assertUnchanged();
    }

    @Test
    void evenAStatementThatMatchesNoRowIsRejected() throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            SQLException rejected = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("delete from audit_record where event_id = 'no-such-event'"));
            assertEquals("42501", rejected.getSQLState());
        }
    }

    @Test
    void aSecondRecordWithTheSameEventIdIsRefused() throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            SQLException duplicate = assertThrows(SQLException.class, () -> statement.executeUpdate("""
                    insert into audit_record (event_id, event_source, event_type, source_service, user_id, action,
                        resource_type, outcome, occurred_at, received_at, raw_event)
                    values ('%s', '/careline/test', 't', 'test', 'sub-x', 'READ', 'Thread', 'SUCCESS', now(), now(), '{}')"""
                    .formatted(eventId)));
            assertEquals("23505", duplicate.getSQLState());
        }
        assertEquals(1, countRows(eventId));
    }

    private void assertUnchanged() throws SQLException {
        try (Connection db = connect();
             PreparedStatement select = db.prepareStatement(
                     "select outcome, patient_id from audit_record where event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the record is still there");
                assertEquals("SUCCESS", row.getString("outcome"));
                assertEquals("P-append-only", row.getString("patient_id"));
            }
        }
    }
}
