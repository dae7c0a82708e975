package org.careline.billing;

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

/** Direct SQL against the test database: seeds episodes and reads the outbox, for resource tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** An episode covering one new thread; returns the episode id. */
    static UUID episode(String patientId, String status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        execute("insert into episode (id, patient_id, care_team, status, total_minutes, created_at, updated_at)"
                        + " values (?, ?, 'family-medicine', ?, 0, ?, ?)",
                id, patientId, status, Timestamp.from(createdAt), Timestamp.from(createdAt));
        execute("insert into episode_thread (thread_id, episode_id, topic, thread_opened_at) values (?, ?, 'OTHER', ?)",
                UUID.randomUUID(), id, Timestamp.from(createdAt));
        return id;
    }

    /** Action, outcome and patient id of each audit event written to the outbox about a subject. */
    static List<String> audits(String subject) {
        List<String> audits = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select payload::jsonb -> 'data' ->> 'action',"
                     + " payload::jsonb -> 'data' ->> 'outcome', payload::jsonb -> 'data' ->> 'patientId'"
                     + " from outbox_event where event_type = 'careline.audit.access-recorded.v1'"
                     + " and payload::jsonb ->> 'subject' = ? order by id")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    audits.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return audits;
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
