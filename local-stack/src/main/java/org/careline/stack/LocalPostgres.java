package org.careline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs a real PostgreSQL 15 (zonky's binaries, unpacked from a Maven jar) as a long-lived local
 * process for {@code ./careline up}.
 * <p>
 * The data directory survives restarts; on every start the launcher idempotently creates one
 * LOGIN role and one database per service (role = database = password: local demo only) and
 * requires passwords for them over TCP. Listens on 127.0.0.1 only. Stops cleanly on SIGTERM.
 *
 * <pre>
 * java -cp "local-stack/target/local-stack-0.1.0-SNAPSHOT.jar:local-stack/target/lib/*" \
 *   org.careline.stack.LocalPostgres --port 15432 --data-dir .careline/postgres/data \
 *   [--binaries-dir .careline/postgres/binaries]
 * </pre>
 */
public final class LocalPostgres {

    /** One role and one database of the same name for each of these; the password is the name too. */
    static final List<String> DATABASES = List.of("messaging", "triage", "billing", "audit", "keycloak");

    /**
     * LOGIN roles without a database of their own (password = name): audit-service connects as
     * {@code audit_writer}, which its migrations grant INSERT and SELECT only on the audit store.
     */
    static final List<String> EXTRA_ROLES = List.of("audit_writer");

    /**
     * Written over the initdb default (which trusts everyone): the superuser stays passwordless
     * on loopback for the launcher and psql, the service roles must present their password.
     */
    private static final String PG_HBA = String.join("\n",
            "# Written by org.careline.stack.LocalPostgres on every start: edits are overwritten.",
            "# TYPE  DATABASE  USER      ADDRESS        METHOD",
            "local   all       all                      trust",
            "host    all       postgres  127.0.0.1/32   trust",
            "host    all       all       127.0.0.1/32   scram-sha-256",
            "");

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        LauncherArgs options = LauncherArgs.parse("LocalPostgres", args);
        int port = options.port("port", "CARELINE_PG_PORT", 15432);
        Path dataDir = options.dir("data-dir", "CARELINE_PG_DATA");
        Path binariesDir = Path.of(options.get("binaries-dir", "CARELINE_PG_BINARIES",
                dataDir.resolveSibling("binaries").toString())).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Files.createDirectories(binariesDir);
        removeHalfUnpackedBinaries(binariesDir);

        long started = System.nanoTime();
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(90))
                .start();
        // zonky registers its own closer hook too (close() is idempotent): whichever runs first
        // stops the server with `pg_ctl stop -m fast`, and the JVM waits for both
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LocalPostgres: stopping");
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("LocalPostgres: error while stopping: " + e);
            }
        }, "local-postgres-stop"));

        try {
            provision(postgres, dataDir);
        } catch (SQLException | IOException e) {
            System.err.println("LocalPostgres: provisioning failed: " + e);
            System.exit(1);
        }
        System.out.printf("CARELINE READY postgres on 127.0.0.1:%d (%s data dir %s) in %d ms; databases %s%n",
                port, fresh ? "new" : "existing", dataDir, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                String.join(", ", DATABASES));
        LauncherArgs.awaitTermination();
    }

    /**
     * zonky unpacks into {@code PG-<digest>/} and marks success with a {@code .exists} file; an
     * interrupted unpack (killed JVM, full disk) would make every later start fail.
     */
    private static void removeHalfUnpackedBinaries(Path binariesDir) throws IOException {
        try (Stream<Path> dirs = Files.list(binariesDir)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("PG-")).toList()) {
                if (!Files.exists(dir.resolve(".exists"))) {
                    System.out.println("LocalPostgres: removing half-unpacked binaries " + dir);
                    try (Stream<Path> tree = Files.walk(dir)) {
                        for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
            }
        }
    }

    private static void provision(EmbeddedPostgres postgres, Path dataDir) throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : DATABASES) {
                ensureRole(connection, name);
                ensureDatabase(connection, name);
            }
            for (String name : EXTRA_ROLES) {
                ensureRole(connection, name);
            }
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }

    private static void ensureRole(Connection connection, String name) throws SQLException {
        // names come from the constant list above, never from input: safe to inline as identifiers
        String ddl = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)
                ? "ALTER ROLE %s WITH LOGIN PASSWORD '%s'"
                : "CREATE ROLE %s WITH LOGIN PASSWORD '%s'";
        try (Statement statement = connection.createStatement()) {
            statement.execute(String.format(ddl, name, name));
        }
    }

    private static void ensureDatabase(Connection connection, String name) throws SQLException {
        if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(String.format("CREATE DATABASE %s OWNER %s", name, name));
        }
        System.out.println("LocalPostgres: created database " + name + " owned by role " + name);
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
