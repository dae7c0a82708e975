package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.testsupport.EmbeddedKafkaResource;
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
 * The database itself keeps {@code audit_record} append-only. The service's own role ({@code audit_writer}) may
 * only INSERT and SELECT: UPDATE, DELETE and TRUNCATE fail for lack of privilege, and so do attempts to remove
 * the trigger. Even the owner and the superuser are stopped by the trigger.
 */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuditRecordTableTest {

    private static final String INSERT = """
            insert into audit_record (event_id, event_source, event_type, source_service, user_id, action,
                resource_type, patient_id, outcome, occurred_at, received_at, raw_event,
                chain_id, chain_seq, prev_hash, record_hash)
            values (?, '/careline/test', 'careline.audit.access-recorded.v1', 'test', 'sub-dr.lee', 'READ',
                'Thread', 'P-append-only', 'SUCCESS', now(), now(), '{}', ?, 1, repeat('0', 64), repeat('a', 64))""";

    private String eventId;

    @BeforeEach
    void insertARecordAsTheWriter() throws SQLException {
        eventId = UUID.randomUUID().toString();
        try (Connection db = AuditPostgresResource.connectAsWriter(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, "test.table/" + eventId);
            assertEquals(1, insert.executeUpdate(), "the writer may insert");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "update audit_record set outcome = 'DENIED' where event_id = '%s'",
            "update audit_record set patient_id = null",
            "delete from audit_record where event_id = '%s'",
            "delete from audit_record",
            "truncate audit_record",
            "update audit_checkpoint set signature = 'x'",
            "delete from audit_checkpoint",
            "insert into audit_chain_anchor (chain_id, next_seq, prev_hash, purged_count, purged_before)"
                    + " values ('x', 1, repeat('0', 64), 0, now())"})
    void theWriterRoleCanNeitherChangeNorRemoveEvidence(String sql) throws SQLException {
        try (Connection db = AuditPostgresResource.connectAsWriter(); Statement statement = db.createStatement()) {
            SQLException rejected = assertThrows(SQLException.class, () -> statement.execute(sql.formatted(eventId)));
            assertEquals("42501", rejected.getSQLState());
            assertTrue(rejected.getMessage().contains("permission denied"), rejected.getMessage());
        }
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "alter table audit_record disable trigger audit_record_append_only",
            "drop trigger audit_record_append_only on audit_record",
            "set careline.audit_purge = 'on'; delete from audit_record where event_id = '%s'"})
    void theWriterRoleCannotRemoveTheGuardEither(String sql) throws SQLException {
        try (Connection db = AuditPostgresResource.connectAsWriter(); Statement statement = db.createStatement()) {
            SQLException rejected = assertThrows(SQLException.class, () -> statement.execute(sql.formatted(eventId)));
            assertEquals("42501", rejected.getSQLState(), rejected.getMessage());
        }
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "update audit_record set outcome = 'DENIED' where event_id = '%s'",
            "update audit_record set patient_id = null",
            "delete from audit_record where event_id = '%s'",
            "delete from audit_record",
            "truncate audit_record"})
    void evenTheSuperuserIsStoppedByTheTrigger(String sql) throws SQLException {
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
    void theWriterCannotPurgeYoungRecordsThroughThePurgeFunctionInProductionSettings() throws SQLException {
        // %test sets the floor to 0 seconds, so a purge up to a future instant is the only thing refused here
        try (Connection db = AuditPostgresResource.connectAsWriter(); Statement statement = db.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.executeQuery(
                    "select audit_purge('test.table/" + eventId + "', now() + interval '1 day')"));
            assertEquals("42501", refused.getSQLState());
        }
        assertUnchanged();
    }

    @Test
    void aSecondRecordWithTheSameEventIdIsRefused() throws SQLException {
        try (Connection db = AuditPostgresResource.connectAsWriter(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, "test.table/" + UUID.randomUUID());
            SQLException duplicate = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("23505", duplicate.getSQLState());
        }
        assertEquals(1, countRows(eventId));
    }

    @Test
    void aRecordWithoutChainPositionIsRefused() throws SQLException {
        try (Connection db = AuditPostgresResource.connectAsWriter(); Statement statement = db.createStatement()) {
            SQLException unchained = assertThrows(SQLException.class, () -> statement.executeUpdate("""
                    insert into audit_record (event_id, event_source, event_type, source_service, user_id, action,
                        resource_type, outcome, occurred_at, received_at, raw_event)
                    values ('%s', '/careline/test', 't', 'test', 'sub-x', 'READ', 'Thread', 'SUCCESS', now(), now(), '{}')"""
                    .formatted(UUID.randomUUID())));
            assertEquals("23514", unchained.getSQLState());
        }
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
