package org.careline.triage;

import org.careline.testsupport.EmbeddedPostgresResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Direct SQL against the test database: seeds triage rows and reads the outbox, for resource tests. */
final class Fixtures {

    private Fixtures() {
    }

    static void decision(UUID threadId, String messageId, String patientId, String careTeam, String urgency,
                         String category, Instant decidedAt) {
        execute("insert into triage_decision (id, thread_id, message_id, patient_id, care_team, urgency, category,"
                        + " confidence, explanation, rules_version, decided_at) values (?, ?, ?, ?, ?, ?, ?, 0.8,"
                        + " 'seeded by a test', 'test-rules', ?)",
                UUID.randomUUID(), threadId, messageId, patientId, careTeam, urgency, category, Timestamp.from(decidedAt));
    }

    static void openItem(UUID threadId, String patientId, String careTeam, String queue, String urgency,
                         String lastMessageId, Instant at) {
        execute("insert into queue_item (id, thread_id, patient_id, care_team, queue, urgency, priority, due_at, status,"
                        + " last_message_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 2, ?, 'OPEN', ?, ?, ?)",
                UUID.randomUUID(), threadId, patientId, careTeam, queue, urgency,
                Timestamp.from(at.plusSeconds(3600)), lastMessageId, Timestamp.from(at), Timestamp.from(at));
    }

    /** The outcomes of the audit events written to the outbox about a resource, oldest first. */
    static List<String> auditOutcomes(String subject) {
        List<String> outcomes = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select payload::jsonb -> 'data' ->> 'outcome' from outbox_event"
                     + " where event_type = 'careline.audit.access-recorded.v1'"
                     + " and payload::jsonb ->> 'subject' = ? order by id")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return outcomes;
    }

    /** The patient id of the newest audit event about a resource. */
    static String auditedPatient(String subject) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select payload::jsonb -> 'data' ->> 'patientId' from outbox_event"
                     + " where event_type = 'careline.audit.access-recorded.v1'"
                     + " and payload::jsonb ->> 'subject' = ? order by id desc limit 1")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "postgres");
    }
}
