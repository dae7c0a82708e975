package org.careline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real PostgreSQL (binaries from Maven Central) on a free loopback port for the test run.
 * Hibernate Reactive and Flyway both point at it.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String jdbcUrl;
    private EmbeddedPostgres postgres;

    /** The JDBC URL of the running database (user and password {@code postgres}), for direct SQL in tests. */
    public static String jdbcUrl() {
        if (jdbcUrl == null) {
            throw new IllegalStateException("EmbeddedPostgresResource is not started");
        }
        return jdbcUrl;
    }

    @Override
    public Map<String, String> start() {
        try {
            postgres = configure(EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100"))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        String hostPort = "127.0.0.1:" + postgres.getPort() + "/postgres";
        jdbcUrl = "jdbc:postgresql://" + hostPort;
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** Server settings beyond the defaults, for a subclass (e.g. {@link StatementCountingPostgres}). */
    protected EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
        return builder;
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        jdbcUrl = null;
    }
}
