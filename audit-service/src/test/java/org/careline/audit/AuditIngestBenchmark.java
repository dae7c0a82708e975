package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.audit.service.VerifyReport;
import org.careline.audit.service.VerifyService;
import org.careline.events.CloudEvent;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.CODEC;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.read;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sustained ingest benchmark, not part of the build (no {@code *Test} suffix): N audit records go onto the real
 * embedded Kafka broker at once, and it measures how fast the consumer appends them to the hash chain in the
 * real PostgreSQL (records/s), then how fast {@code verify} walks them. Prints figures; asserts only that every
 * record arrived and the chains verify. Run:
 * <pre>./mvnw -o -f audit-service/pom.xml test -Dtest=AuditIngestBenchmark [-Dbenchmark.records=20000]</pre>
 */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuditIngestBenchmark {

    @Inject
    VerifyService verify;

    @Test
    void sustainedIngest() throws SQLException {
        int records = Integer.getInteger("benchmark.records", 20_000);
        ingest("warm-up", 1_000);
        double rate = ingest("measured", records);

        long started = System.nanoTime();
        VerifyReport report = verify.verify(Optional.empty()).await().atMost(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        long verified = report.chains().stream().mapToLong(c -> c.records()).sum();
        System.out.printf("BENCHMARK audit ingest: %d records in %.0f records/s; verify walked %d records in %.1f s"
                + " (%.0f records/s), valid=%s%n", records, rate, verified, seconds, verified / seconds, report.valid());
        assertTrue(report.valid(), "the chains verify");
    }

    /** Publishes {@code count} records at once and waits until all are stored; returns records/s. */
    private static double ingest(String label, int count) throws SQLException {
        String run = "P-bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<ProducerRecord<String, String>> batch = IntStream.range(0, count)
                .mapToObj(i -> {
                    CloudEvent e = event(read(run + (i % 64), "sub-dr.lee", Instant.now()));
                    return AuditFixtures.record(e.partitionkey(), CODEC.write(e));
                })
                .toList();
        long started = System.nanoTime();
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            kafka.produceStrings().fromRecords(batch).awaitCompletion(Duration.ofMinutes(5));
        }
        long published = System.nanoTime();
        long storedWhenPublished = stored(run);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250)).until(() -> stored(run) >= count);
        long finished = System.nanoTime();
        double seconds = (finished - started) / 1e9;
        double rate = count / seconds;
        // the publishing (same JVM, same 2 cores) takes part of the time: the backlog left once every record is on
        // the broker shows the store's own rate
        double drainSeconds = (finished - published) / 1e9;
        System.out.printf("BENCHMARK %s: %d records stored in %.1f s = %.0f records/s (publishing took %.1f s;"
                        + " the remaining backlog of %d drained at %.0f records/s)%n", label, count, seconds, rate,
                (published - started) / 1e9, count - storedWhenPublished, (count - storedWhenPublished) / drainSeconds);
        return rate;
    }

    private static long stored(String patientPrefix) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement count = db.prepareStatement("select count(*) from audit_record where patient_id like ?")) {
            count.setString(1, patientPrefix + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
