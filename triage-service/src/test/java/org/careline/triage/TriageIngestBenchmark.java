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
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.triage.classify.LabelledMessage;
import org.careline.triage.messaging.PerRecordMessagePostedConsumer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Old against new consumer path in one JVM, not part of the build (no {@code *Test} suffix): the same N
 * {@code MessagePosted} records (bodies from the triage dev set, 4 messages per thread) go onto the embedded broker
 * at once, either to the topic the batched consumer reads ({@code InboxBatch}, one transaction per poll) or to a
 * topic the pre-batching consumer reads ({@link PerRecordMessagePostedConsumer}, {@code Inbox.once} per record),
 * in alternating rounds; each round ends when every decision is stored. Prints records/s end to end (from the
 * first send) and the drain rate of the backlog left once everything is on the broker, per round and as medians,
 * with the load average. Asserts only that every record was triaged. Run:
 * <pre>./mvnw -o -f triage-service/pom.xml test -Dtest=TriageIngestBenchmark [-Dbenchmark.records=2000 -Dbenchmark.rounds=3]</pre>
 */
@QuarkusTest
@TestProfile(TriageIngestBenchmark.Profile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class TriageIngestBenchmark {

    static final String PER_RECORD_TOPIC = "careline.bench.per-record";

    /** Adds the old consumer on its own topic; moves the workload consumer off the shared topic (same load for both). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String channel = "mp.messaging.incoming." + PerRecordMessagePostedConsumer.CHANNEL + ".";
            return Map.of(
                    PerRecordMessagePostedConsumer.ENABLED, "true",
                    channel + "connector", "smallrye-kafka",
                    channel + "topic", PER_RECORD_TOPIC,
                    channel + "group.id", "triage-service-bench",
                    channel + "auto.offset.reset", "earliest",
                    channel + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                    "mp.messaging.incoming.workload-messages.topic", "careline.bench.unused");
        }
    }

    private static final EventCodec CODEC = new EventCodec();
    private static final Participant PATIENT = new Participant("sub-patient1", ParticipantRole.PATIENT, null);
    private static final List<LabelledMessage> CORPUS = LabelledMessage.fromClasspath("triage/dev-set.jsonl");

    @Test
    void oldAgainstNew() throws SQLException {
        int records = Integer.getInteger("benchmark.records", 2_000);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        System.out.printf("BENCHMARK triage ingest: %d records per round, %d rounds per path, load average %s%n",
                records, rounds, loadAverage());
        round("warm-up per-record", PER_RECORD_TOPIC, 400);
        round("warm-up batched", Topics.MESSAGING_MESSAGES, 400);
        List<double[]> perRecord = new ArrayList<>();
        List<double[]> batched = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // alternate which path goes first, so that drift in the machine's load hits both alike
            if (r % 2 == 0) {
                perRecord.add(round("per-record " + (r + 1), PER_RECORD_TOPIC, records));
                batched.add(round("batched " + (r + 1), Topics.MESSAGING_MESSAGES, records));
            } else {
                batched.add(round("batched " + (r + 1), Topics.MESSAGING_MESSAGES, records));
                perRecord.add(round("per-record " + (r + 1), PER_RECORD_TOPIC, records));
            }
        }
        double oldRate = median(perRecord, 0);
        double newRate = median(batched, 0);
        double oldDrain = median(perRecord, 1);
        double newDrain = median(batched, 1);
        System.out.printf("BENCHMARK triage ingest medians: per-record %.0f records/s end to end, drain %.0f/s;"
                        + " batched %.0f records/s end to end, drain %.0f/s; ratio %.1fx end to end, %.1fx drain;"
                        + " load average %s%n", oldRate, oldDrain, newRate, newDrain, newRate / oldRate,
                newDrain / oldDrain, loadAverage());
    }

    /** Publishes {@code count} records to {@code topic} at once, waits until all are triaged; {records/s, drain/s}. */
    private static double[] round(String label, String topic, int count) throws SQLException {
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
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            kafka.produceStrings().fromRecords(batch).awaitCompletion(Duration.ofMinutes(5));
        }
        long published = System.nanoTime();
        long storedWhenPublished = triaged(run);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> triaged(run) >= count);
        long finished = System.nanoTime();
        double rate = count / ((finished - started) / 1e9);
        double drain = (count - storedWhenPublished) / ((finished - published) / 1e9);
        System.out.printf("BENCHMARK %s: %d records triaged in %.1f s = %.0f records/s (publishing %.1f s; backlog"
                        + " of %d drained at %.0f records/s); load average before %s, after %s%n", label, count,
                (finished - started) / 1e9, rate, (published - started) / 1e9, count - storedWhenPublished, drain,
                loadBefore, loadAverage());
        return new double[] {rate, drain};
    }

    private static long triaged(String messagePrefix) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement count = db.prepareStatement(
                     "select count(*) from triage_decision where message_id like ?")) {
            count.setString(1, messagePrefix + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
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
