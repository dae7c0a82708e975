package org.careline.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.billing.messaging.PerRecordThreadEventsConsumer;
import org.careline.events.CloudEvent;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.careline.billing.TestEvents.CODEC;
import static org.careline.billing.TestEvents.DR_LEE;
import static org.careline.billing.TestEvents.NP_KIM;
import static org.careline.billing.TestEvents.logged;
import static org.careline.billing.TestEvents.opened;

/**
 * Old against new consumer path in one JVM, not part of the build (no {@code *Test} suffix): the same N thread
 * events go onto the embedded broker at once, either to the topic the batched consumer reads ({@code InboxBatch},
 * one transaction per poll) or to a topic the pre-batching consumer reads ({@link PerRecordThreadEventsConsumer},
 * {@code Inbox.once} per record), in alternating rounds. Per patient, four events in order on one partition: a
 * thread opened, a physician's assessed reply (opens the e-visit window), a second thread opened (joins it), a
 * nurse practitioner's reply on it. A round ends when every reply's time is stored. Prints records/s end to end and
 * the backlog's drain rate per round and as medians, with the load average. Run:
 * <pre>./mvnw -o -f billing-service/pom.xml test -Dtest=BillingIngestBenchmark [-Dbenchmark.records=2000 -Dbenchmark.rounds=3]</pre>
 */
@QuarkusTest
@TestProfile(BillingIngestBenchmark.Profile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class BillingIngestBenchmark {

    static final String PER_RECORD_TOPIC = "careline.bench.per-record";

    /** Adds the old consumer on its own topic. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String channel = "mp.messaging.incoming." + PerRecordThreadEventsConsumer.CHANNEL + ".";
            return Map.of(
                    PerRecordThreadEventsConsumer.ENABLED, "true",
                    channel + "connector", "smallrye-kafka",
                    channel + "topic", PER_RECORD_TOPIC,
                    channel + "group.id", "billing-service-bench",
                    channel + "auto.offset.reset", "earliest",
                    channel + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        }
    }

    @Test
    void oldAgainstNew() {
        int records = Integer.getInteger("benchmark.records", 2_000);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        System.out.printf("BENCHMARK billing ingest: %d records per round, %d rounds per path, load average %s%n",
                records, rounds, loadAverage());
        round("warm-up per-record", PER_RECORD_TOPIC, 400);
        round("warm-up batched", Topics.MESSAGING_THREADS, 400);
        List<double[]> perRecord = new ArrayList<>();
        List<double[]> batched = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                perRecord.add(round("per-record " + (r + 1), PER_RECORD_TOPIC, records));
                batched.add(round("batched " + (r + 1), Topics.MESSAGING_THREADS, records));
            } else {
                batched.add(round("batched " + (r + 1), Topics.MESSAGING_THREADS, records));
                perRecord.add(round("per-record " + (r + 1), PER_RECORD_TOPIC, records));
            }
        }
        double oldRate = median(perRecord, 0);
        double newRate = median(batched, 0);
        double oldDrain = median(perRecord, 1);
        double newDrain = median(batched, 1);
        System.out.printf("BENCHMARK billing ingest medians: per-record %.0f records/s end to end, drain %.0f/s;"
                        + " batched %.0f records/s end to end, drain %.0f/s; ratio %.1fx end to end, %.1fx drain;"
                        + " load average %s%n", oldRate, oldDrain, newRate, newDrain, newRate / oldRate,
                newDrain / oldDrain, loadAverage());
    }

    /** Publishes {@code count} events (4 per patient) to {@code topic} at once, waits until all replies are stored. */
    private static double[] round(String label, String topic, int count) {
        String run = "PB-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int patients = Math.max(1, count / 4);
        Instant t0 = Instant.now().minusSeconds(3_600);
        List<ProducerRecord<String, String>> batch = new ArrayList<>(patients * 4);
        for (int p = 0; p < patients; p++) {
            String patient = run + p;
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            Instant at = t0.plusMillis(p);
            int partition = p % 3; // a patient's events in order on one partition
            for (CloudEvent event : List.of(opened(first, patient, at), logged(first, patient, DR_LEE, 6, true, true,
                            at.plusSeconds(60)), opened(second, patient, at.plusSeconds(120)),
                    logged(second, patient, NP_KIM, 4, false, true, at.plusSeconds(180)))) {
                batch.add(RelayedEvents.record(topic, partition, event.partitionkey(), CODEC.write(event),
                        event.type()));
            }
        }
        int total = batch.size();
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            kafka.produceStrings().fromRecords(batch).awaitCompletion(Duration.ofMinutes(5));
        }
        long published = System.nanoTime();
        long repliesWhenPublished = replies(run);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> replies(run) >= 2L * patients);
        long finished = System.nanoTime();
        double rate = total / ((finished - started) / 1e9);
        // the backlog in records, estimated from the replies stored (each stands for two records of its patient)
        double backlog = total - 2 * repliesWhenPublished;
        double drain = backlog / ((finished - published) / 1e9);
        System.out.printf("BENCHMARK %s: %d records processed in %.1f s = %.0f records/s (publishing %.1f s; backlog"
                        + " of about %.0f drained at %.0f records/s); load average before %s, after %s%n", label, total,
                (finished - started) / 1e9, rate, (published - started) / 1e9, backlog, drain, loadBefore,
                loadAverage());
        return new double[] {rate, drain};
    }

    private static long replies(String patientPrefix) {
        return Fixtures.count("select count(*) from time_entry where patient_id like ?", patientPrefix + "%");
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
