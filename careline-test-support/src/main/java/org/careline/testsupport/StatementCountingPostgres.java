package org.careline.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * For the services' on-demand benchmarks: the tests' embedded PostgreSQL with {@code pg_stat_statements} loaded, so
 * that a benchmark can count the statements (and round trips) a service sends per request or record
 * ({@link EmbeddedPostgresResource#jdbcUrl()} reaches it).
 */
public class StatementCountingPostgres extends EmbeddedPostgresResource {

    @Override
    protected EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
        return builder
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("pg_stat_statements.track_utility", "on");
    }
}
