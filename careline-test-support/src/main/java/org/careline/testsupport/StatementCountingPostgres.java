package org.careline.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    /** Transactions committed in the connection's database so far ({@code pg_stat_database.xact_commit}). */
    public static long commits(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** utime + stime of the postmaster, its live children and its reaped children, in clock ticks (1/100 s). */
    public static long postgresCpuTicks(Connection db) throws SQLException, IOException {
        String dataDir;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            dataDir = rs.getString(1);
        }
        long postmaster = Long.parseLong(Files.readAllLines(Path.of(dataDir, "postmaster.pid")).get(0).trim());
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster || ppid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        if (pid == postmaster) {
                            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks;
    }
}
