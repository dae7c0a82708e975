package org.careline.audit;

import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded PostgreSQL as production runs it: Flyway migrates as the owner ({@code postgres} here), the
 * service connects as the insert-only role {@code audit_writer}, created first as an operator would.
 */
public class AuditPostgresResource extends EmbeddedPostgresResource {

    static final String WRITER = "audit_writer";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
            sql.execute("create role " + WRITER + " login password '" + WRITER + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the writer role", e);
        }
        config.put("quarkus.flyway.username", "postgres");
        config.put("quarkus.flyway.password", "postgres");
        config.put("quarkus.datasource.username", WRITER);
        config.put("quarkus.datasource.password", WRITER);
        return config;
    }

    /** A connection as the writer role the service uses. */
    static Connection connectAsWriter() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(), WRITER, WRITER);
    }
}
