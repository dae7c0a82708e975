package org.careline.messaging.bench;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.StatementCountingPostgres;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU and SQL statements per request on messaging's write path, not part of the build (no {@code *Test} suffix):
 * N new patient threads ({@code POST /api/v1/threads}), then a clinician's timed reply in each
 * ({@code POST /api/v1/threads/{id}/messages}), with a fixed number of requests in flight, against the service in
 * this JVM with the embedded broker and an embedded PostgreSQL that has {@code pg_stat_statements} loaded. Per phase
 * it prints statements per request (every statement PostgreSQL executed in the phase, the outbox relay's included,
 * divided by the requests; the top statements by calls), commits per request, and CPU per request: the service's
 * threads (Vert.x event loops and workers, executor threads, Kafka producer), the whole JVM (also the HTTP client
 * and the embedded broker) and PostgreSQL's processes. Prints figures only; asserts nothing about time. Run:
 * <pre>./mvnw -o -f messaging-service/pom.xml test -Dtest=PostThreadBenchmark [-Dbenchmark.requests=500 -Dbenchmark.rounds=3 -Dbenchmark.concurrency=8]</pre>
 * To compare two builds, run it alternately on each (same machine load) and compare the medians.
 */
@QuarkusTest
@WithTestResource(StatementCountingPostgres.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class PostThreadBenchmark {

    static final String PATIENT = TestTokens.user("bench.patient")
            .expiresAt(Instant.now().plus(4, ChronoUnit.HOURS).getEpochSecond())
            .roles("patient").claim("patient_id", "P-9001").claim("care_team", "family-medicine").sign();
    static final String CLINICIAN = TestTokens.user("bench.lee")
            .expiresAt(Instant.now().plus(4, ChronoUnit.HOURS).getEpochSecond())
            .roles("clinician").claim("credential", "MD").groups("/care-teams/family-medicine/physicians").sign();
    static final String[] BODIES = {
            "I have had a dry cough for three days and a mild fever since yesterday.",
            "Could you refill my lisinopril? I have five tablets left.",
            "My blood sugar readings were around 180 this week, is that a concern?",
            "The rash on my arm is spreading a little and it itches at night.",
            "Can I take ibuprofen with my current medication for a sprained ankle?"};
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @TestHTTPResource("/")
    URL base;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void cpuAndStatementsPerRequest() throws Exception {
        int requests = Integer.getInteger("benchmark.requests", 500);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        int concurrency = Integer.getInteger("benchmark.concurrency", 8);
        System.out.printf("BENCHMARK messaging write path: %d requests per phase, %d rounds, %d in flight, load average %s%n",
                requests, rounds, concurrency, loadAverage());
        // warm-up: JIT, pools, caches
        for (int i = 0; i < 2; i++) {
            List<String> ids = phase("warm-up open", 300, concurrency, this::openThread, false);
            phase("warm-up reply", ids.size(), concurrency, n -> reply(ids.get(n)), false);
        }
        for (int r = 1; r <= rounds; r++) {
            List<String> ids = phase("round " + r + " POST /threads", requests, concurrency, this::openThread, true);
            phase("round " + r + " POST /threads/{id}/messages", ids.size(), concurrency, n -> reply(ids.get(n)), true);
        }
        System.out.printf("BENCHMARK end, load average %s%n", loadAverage());
    }

    private CompletableFuture<HttpResponse<String>> openThread(int n) {
        String body = "{\"subject\":\"Question " + n + "\",\"body\":\"" + BODIES[n % BODIES.length]
                + "\",\"topic\":\"CLINICAL_QUESTION\"}";
        return http.sendAsync(post("api/v1/threads", PATIENT, body), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> reply(String threadId) {
        String body = "{\"body\":\"Please rest, drink fluids and call us if it gets worse.\",\"timeSpentMinutes\":4,"
                + "\"clinicalAssessment\":true}";
        return http.sendAsync(post("api/v1/threads/" + threadId + "/messages", CLINICIAN, body),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends {@code count} requests, {@code concurrency} at a time; returns the created thread ids in order. */
    private List<String> phase(String name, int count, int concurrency,
                               IntFunction<CompletableFuture<HttpResponse<String>>> send, boolean print) throws Exception {
        try (Connection db = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "postgres")) {
            long commitsBefore = StatementCountingPostgres.commits(db);
            exec(db, "create extension if not exists pg_stat_statements");
            exec(db, "select pg_stat_statements_reset()");
            long pgBefore = StatementCountingPostgres.postgresCpuTicks(db);
            long serviceBefore = serviceThreadsCpuNanos();
            long jvmBefore = processCpuNanos();
            long start = System.nanoTime();

            String[] ids = new String[count];
            AtomicInteger errors = new AtomicInteger();
            Semaphore inFlight = new Semaphore(concurrency);
            List<CompletableFuture<?>> all = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                int n = i;
                all.add(send.apply(n).whenComplete((response, failure) -> {
                    inFlight.release();
                    if (failure != null || response.statusCode() >= 300) {
                        if (errors.getAndIncrement() < 3) {
                            System.out.println("BENCHMARK error: " + (failure != null ? failure
                                    : response.statusCode() + " " + response.body()));
                        }
                        return;
                    }
                    Matcher id = ID.matcher(response.body());
                    ids[n] = id.find() ? id.group(1) : null;
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            // let the relay publish what the phase wrote, so its statements and CPU belong to the phase
            awaitOutboxDrained(db);
            long jvm = processCpuNanos() - jvmBefore;
            long service = serviceThreadsCpuNanos() - serviceBefore;
            long pgTicks = StatementCountingPostgres.postgresCpuTicks(db) - pgBefore;
            long commits = StatementCountingPostgres.commits(db) - commitsBefore;
            List<String[]> top = new ArrayList<>();
            long statements = 0;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "select calls, query from pg_stat_statements where query not like '%pg_stat%'"
                            + " and query not like '%data_directory%' and query not like '%select count(*) from outbox_event where published_at is null%'"
                            + " order by calls desc")) {
                while (rs.next()) {
                    statements += rs.getLong(1);
                    top.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            if (print) {
                System.out.printf("BENCHMARK %s: %d requests in %.1f s (%.0f/s), %d errors; statements per request %.2f,"
                                + " commits per request %.2f; CPU per request: service threads %.2f ms, JVM %.2f ms,"
                                + " PostgreSQL %.2f ms; load average %s%n",
                        name, count, seconds, count / seconds, errors.get(), (double) statements / count,
                        (double) commits / count, service / 1e6 / count, jvm / 1e6 / count,
                        pgTicks * 10.0 / count, loadAverage());
                for (String[] row : top.subList(0, Math.min(25, top.size()))) {
                    String q = row[1].replaceAll("\\s+", " ");
                    System.out.printf("BENCHMARK   %6.2f  %s%n", Long.parseLong(row[0]) / (double) count,
                            q.length() > 150 ? q.substring(0, 150) + "..." : q);
                }
            }
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                if (id != null) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    private static void awaitOutboxDrained(Connection db) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from outbox_event where published_at is null")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        System.out.println("BENCHMARK outbox not drained within 120 s");
    }

    private static void exec(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU of the threads that serve requests and relay the outbox (not the HTTP client, not the broker). */
    private static long serviceThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("vert.x-") || name.startsWith("executor-thread")
                    || name.startsWith("kafka-producer-network-thread") || name.startsWith("smallrye-kafka")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
