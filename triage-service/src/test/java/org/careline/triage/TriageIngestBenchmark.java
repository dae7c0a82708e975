package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.MessageTopic;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.StatementCountingPostgres;
import org.careline.testsupport.TestOidcResource;
import org.careline.triage.classify.LabelledMessage;
import org.careline.triage.messaging.OrmBatchMessagePostedConsumer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Old against new triage ingest in one JVM, not part of the build (no {@code *Test} suffix): the same N
 * {@code MessagePosted} records (bodies from the triage dev set, 4 messages per thread, the first opens the thread)
 * go onto the embedded broker at once, either to the topic the shipped consumer reads ({@code MessagePostedConsumer},
 * the batch write path) or to a topic the previous batched consumer reads ({@link OrmBatchMessagePostedConsumer}:
 * {@code InboxBatch} with one Hibernate unit of work per event), in alternating rounds; a round ends when every
 * decision is stored and the outbox is relayed. Prints per round and as medians: records/s end to end (from the first
 * send), the drain rate of the backlog left once everything is on the broker, SQL statements and commits per record
 * (PostgreSQL's {@code pg_stat_statements}, the relay's included), CPU per record of the service's threads (Vert.x,
 * workers, Kafka consumer and producer; not the broker's) and of PostgreSQL, and the load average. Asserts only that
 * every record was triaged. Run:
 * <pre>./mvnw -o -f triage-service/pom.xml test -Dtest=TriageIngestBenchmark [-Dbenchmark.records=2000
 *     -Dbenchmark.rounds=3 -Dbenchmark.only=old|new]</pre>
 */
@QuarkusTest
@TestProfile(TriageIngestBenchmark.Profile.class)
@WithTestResource(StatementCountingPostgres.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class TriageIngestBenchmark {

    static final String OLD_TOPIC = "careline.bench.orm-batch";

    /** Adds the old consumer on its own topic; moves the workload consumer off the shared topic (same load for both). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String channel = "mp.messaging.incoming." + OrmBatchMessagePostedConsumer.CHANNEL + ".";
            return Map.of(
                    OrmBatchMessagePostedConsumer.ENABLED, "true",
                    channel + "connector", "smallrye-kafka",
                    channel + "topic", OLD_TOPIC,
                    channel + "group.id", "triage-service-bench",
                    channel + "auto.offset.reset", "earliest",
                    channel + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                    channel + "batch", "true",
                    channel + "max.poll.records", "500",
                    "mp.messaging.incoming.workload-messages.topic", "careline.bench.unused");
        }
    }

    private static final EventCodec CODEC = new EventCodec();
    private static final Participant PATIENT = new Participant("sub-patient1", ParticipantRole.PATIENT, null);
    private static final List<LabelledMessage> CORPUS = LabelledMessage.fromClasspath("triage/dev-set.jsonl");

    @Test
    void oldAgainstNew() throws Exception {
        int records = Integer.getInteger("benchmark.records", 2_000);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        String only = System.getProperty("benchmark.only", "");
        System.out.printf("BENCHMARK triage ingest: %d records per round, %d rounds per path, load average %s%n",
                records, rounds, loadAverage());
        try (Connection db = connect(); Statement s = db.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        }
        if (!only.equals("new")) {
            round("warm-up old", OLD_TOPIC, 400);
        }
        if (!only.equals("old")) {
            round("warm-up new", Topics.MESSAGING_MESSAGES, 400);
        }
        List<double[]> old = new ArrayList<>();
        List<double[]> fresh = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // alternate which path goes first, so that drift in the machine's load hits both alike
            boolean oldFirst = r % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean runOld = (k == 0) == oldFirst;
                if (runOld && !only.equals("new")) {
                    old.add(round("old " + (r + 1), OLD_TOPIC, records));
                } else if (!runOld && !only.equals("old")) {
                    fresh.add(round("new " + (r + 1), Topics.MESSAGING_MESSAGES, records));
                }
            }
        }
        String[] names = {"records/s end to end", "drain/s", "statements/record", "commits/record",
                "service CPU ms/record", "PostgreSQL CPU ms/record"};
        StringBuilder summary = new StringBuilder("BENCHMARK triage ingest medians (old -> new):");
        for (int i = 0; i < names.length; i++) {
            double o = old.isEmpty() ? Double.NaN : median(old, i);
            double n = fresh.isEmpty() ? Double.NaN : median(fresh, i);
            summary.append(String.format(" %s %.2f -> %.2f (%.2fx);", names[i], o, n, n / o));
        }
        System.out.println(summary.append(" load average ").append(loadAverage()));
    }

    /**
     * Publishes {@code count} records to {@code topic} at once, waits until all are triaged and relayed;
     * {records/s, drain/s, statements, commits, service CPU ms, PostgreSQL CPU ms per record}.
     */
    private static double[] round(String label, String topic, int count) throws Exception {
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int threads = Math.max(1, count / 4);
        UUID[] threadIds = new UUID[threads];
        for (int t = 0; t < threads; t++) {
            threadIds[t] = UUID.randomUUID();
        }
        Instant t0 = Instant.now();
        List<ProducerRecord<String, String>> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID thread = threadIds[i % threads];
            LabelledMessage m = CORPUS.get(i % CORPUS.size());
            MessagePosted posted = new MessagePosted(thread.toString(), run + i, "P-" + (i % threads),
                    "family-medicine", MessageTopic.OTHER, PATIENT, true, i < threads, m.subject(), m.body(),
                    t0.plusMillis(i));
            CloudEvent event = CODEC.envelope(EventType.MESSAGE_POSTED, "/careline/messaging-service",
                    thread.toString(), thread.toString(), posted.postedAt(), posted);
            batch.add(RelayedEvents.record(topic, null, thread.toString(), CODEC.write(event),
                    EventType.MESSAGE_POSTED.type()));
        }
        try (Connection db = connect()) {
            awaitOutboxDrained(db);
            exec(db, "select pg_stat_statements_reset()");
            long commitsBefore = StatementCountingPostgres.commits(db);
            long pgBefore = StatementCountingPostgres.postgresCpuTicks(db);
            long serviceBefore = serviceThreadsCpuNanos();
            String loadBefore = loadAverage();
            long started = System.nanoTime();
            try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
                kafka.produceStrings().fromRecords(batch).awaitCompletion(Duration.ofMinutes(5));
            }
            long published = System.nanoTime();
            long storedWhenPublished = triaged(db, run);
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> triaged(db, run) >= count);
            long finished = System.nanoTime();
            awaitOutboxDrained(db);
            double service = (serviceThreadsCpuNanos() - serviceBefore) / 1e6 / count;
            double pg = (StatementCountingPostgres.postgresCpuTicks(db) - pgBefore) * 10.0 / count;
            double commits = (double) (StatementCountingPostgres.commits(db) - commitsBefore) / count;
            List<String[]> top = new ArrayList<>();
            long statements = 0;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "select calls, query from pg_stat_statements where query not like '%pg_stat%'"
                            + " and query not like '%data_directory%' and query not like '%triage_decision where message_id like%'"
                            + " and query not like '%from outbox_event where published_at is null%' order by calls desc")) {
                while (rs.next()) {
                    statements += rs.getLong(1);
                    top.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            double rate = count / ((finished - started) / 1e9);
            double drain = (count - storedWhenPublished) / ((finished - published) / 1e9);
            System.out.printf("BENCHMARK %s: %d records triaged in %.1f s = %.0f records/s (publishing %.1f s; backlog"
                            + " of %d drained at %.0f records/s); statements per record %.2f, commits per record %.3f;"
                            + " CPU per record: service threads %.2f ms, PostgreSQL %.2f ms; load average before %s,"
                            + " after %s%n", label, count, (finished - started) / 1e9, rate,
                    (published - started) / 1e9, count - storedWhenPublished, drain, (double) statements / count,
                    commits, service, pg, loadBefore, loadAverage());
            for (String[] row : top.subList(0, Math.min(12, top.size()))) {
                String q = row[1].replaceAll("\\s+", " ");
                System.out.printf("BENCHMARK   %7.3f  %s%n", Long.parseLong(row[0]) / (double) count,
                        q.length() > 140 ? q.substring(0, 140) + "..." : q);
            }
            return new double[] {rate, drain, (double) statements / count, commits, service, pg};
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    private static long triaged(Connection db, String messagePrefix) throws SQLException {
        try (PreparedStatement count = db.prepareStatement(
                "select count(*) from triage_decision where message_id like ?")) {
            count.setString(1, messagePrefix + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void awaitOutboxDrained(Connection db) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from outbox_event where published_at is null")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    private static void exec(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** CPU of the threads that consume, decide and relay (not the broker's, not the benchmark's JDBC polling). */
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

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
