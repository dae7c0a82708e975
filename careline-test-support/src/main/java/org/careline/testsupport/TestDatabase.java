package org.careline.testsupport;

import org.careline.events.AccessRecorded;
import org.careline.events.EventCodec;
import org.careline.events.EventType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL against the {@link EmbeddedPostgresResource} database, for seeding and inspecting in tests. */
public final class TestDatabase {

    private static final EventCodec CODEC = new EventCodec();

    private TestDatabase() {
    }

    /** A new connection as the superuser {@code postgres}; close it. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    /** Runs one statement with positional parameters. */
    public static void execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The audit records the service under test wrote to its outbox about {@code subject}
     * (e.g. {@code Thread/<id>}), oldest first: what it will publish, whether or not Kafka has it yet.
     */
    public static List<AccessRecorded> auditedAccesses(String subject) {
        return auditedAccessesWhere("payload::jsonb ->> 'subject' = ?", subject);
    }

    /**
     * The audit records the service under test wrote to its outbox for one request (its {@code X-Request-Id}),
     * oldest first.
     */
    public static List<AccessRecorded> auditedAccessesOfRequest(String requestId) {
        return auditedAccessesWhere("payload::jsonb -> 'data' ->> 'requestId' = ?", requestId);
    }

    private static List<AccessRecorded> auditedAccessesWhere(String condition, String value) {
        List<AccessRecorded> records = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select payload from outbox_event where event_type = ?"
                     + " and " + condition + " order by id")) {
            s.setString(1, EventType.ACCESS_RECORDED.type());
            s.setString(2, value);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(CODEC.data(CODEC.read(rs.getString(1)), EventType.ACCESS_RECORDED,
                            AccessRecorded.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return records;
    }
}
