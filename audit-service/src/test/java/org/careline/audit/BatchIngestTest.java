package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.careline.audit.service.AuditRecordService;
import org.careline.audit.service.BatchOutcome;
import org.careline.audit.service.CheckpointService;
import org.careline.audit.service.KafkaPosition;
import org.careline.audit.service.ReceivedRecord;
import org.careline.audit.service.RecordHasher;
import org.careline.events.CloudEvent;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.careline.audit.AuditFixtures.CODEC;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.newPatientId;
import static org.careline.audit.AuditFixtures.read;
import static org.careline.audit.ChainFixtures.newTopic;
import static org.careline.audit.ChainFixtures.verify;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * One consumed batch, stored in one transaction: malformed records are rejected without holding up the rest,
 * redeliveries (of an earlier batch, or twice in the same batch) store nothing, and each partition's records
 * join that partition's chain in offset order, whatever order the batch lists them in.
 */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class BatchIngestTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:30Z");

    @Inject
    AuditRecordService records;

    @Inject
    CheckpointService checkpoints;

    @Test
    void aBatchWithADuplicateAMalformedRecordAndTwoPartitionsStoresExactlyTheRightRowsInChainOrder()
            throws SQLException {
        String topic = newTopic("batch");
        String patient = newPatientId("P-batch");
        CloudEvent earlier = event(read(patient, "sub-dr.lee", T));
        CloudEvent a1 = event(read(patient, "sub-dr.lee", T.plusSeconds(1)));
        CloudEvent a2 = event(read(patient, "sub-rn.ortiz", T.plusSeconds(2)));
        CloudEvent b1 = event(read(patient, "sub-dr.lee", T.plusSeconds(3)));
        CloudEvent b2 = event(read(patient, "sub-rn.ortiz", T.plusSeconds(4)));
        String malformed = "{\"specversion\":\"1.0\", \"data\": chest pain and the patient's name";

        // an earlier batch stored `earlier` at partition 0, offset 0
        assertEquals(1, records.storeBatch(List.of(received(patient, earlier, topic, 0, 0))).await().indefinitely()
                .stored());

        ReceivedRecord bad = new ReceivedRecord(patient, malformed, new KafkaPosition(topic, 0, 3));
        List<ReceivedRecord> batch = new ArrayList<>(List.of(
                received(patient, earlier, topic, 0, 1),       // redelivered: stored by the earlier batch
                received(patient, b2, topic, 0, 4),            // listed before b1: the chain follows the offsets
                received(patient, a1, topic, 1, 0),
                bad,
                received(patient, b1, topic, 0, 2),
                received(patient, a2, topic, 1, 1),
                received(patient, a1, topic, 1, 2)));          // the same event twice in one batch
        BatchOutcome outcome = records.storeBatch(batch).await().indefinitely();

        assertEquals(4, outcome.stored());
        assertEquals(2, outcome.duplicates());
        assertEquals(0, outcome.ignored());
        assertEquals(1, outcome.rejected().size());
        assertSame(bad, outcome.rejected().get(0).record());
        assertFalse(outcome.rejected().get(0).reason().contains("chest pain"), "the reason never quotes the record");

        List<Row> partition0 = chain(topic + "/0");
        List<Row> partition1 = chain(topic + "/1");
        assertEquals(List.of(earlier.id(), b1.id(), b2.id()), partition0.stream().map(Row::eventId).toList());
        assertEquals(List.of(0L, 2L, 4L), partition0.stream().map(Row::offset).toList());
        assertEquals(List.of(a1.id(), a2.id()), partition1.stream().map(Row::eventId).toList());
        assertEquals(List.of(0L, 1L), partition1.stream().map(Row::offset).toList());
        assertLinked(partition0);
        assertLinked(partition1);
        assertEquals(5, countForPatient(patient), "exactly one row per event, none for the malformed record");

        for (String chain : List.of(topic + "/0", topic + "/1")) {
            checkpoints.checkpointHead(chain).await().indefinitely();
            verify(chain).body("chains[0].valid", equalTo(true)).body("chains[0].checkpointsVerified", equalTo(1));
        }

        // the whole batch delivered again (a restart before its offsets were committed) stores nothing more
        BatchOutcome again = records.storeBatch(batch).await().indefinitely();
        assertEquals(0, again.stored());
        assertEquals(6, again.duplicates());
        assertEquals(1, again.rejected().size());
        assertEquals(5, countForPatient(patient));
        assertEquals(3, chain(topic + "/0").size());
    }

    /** Each row: seq from 1 without gaps, linked to the one before, and its hash recomputes from what is stored. */
    private static void assertLinked(List<Row> chain) throws SQLException {
        String prev = RecordHasher.GENESIS;
        try (Connection db = TestDatabase.connect()) {
            for (int i = 0; i < chain.size(); i++) {
                Row row = chain.get(i);
                assertEquals(i + 1, row.seq());
                assertEquals(prev, row.prevHash());
                assertEquals(row.hash(), RecordHasher.hash(StoredRecords.load(db, row.id())));
                prev = row.hash();
            }
        }
    }

    private static ReceivedRecord received(String key, CloudEvent event, String topic, int partition, long offset) {
        return new ReceivedRecord(key, CODEC.write(event), new KafkaPosition(topic, partition, offset));
    }

    private record Row(long id, String eventId, long seq, long offset, String prevHash, String hash) {
    }

    private static List<Row> chain(String chainId) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("select id, event_id, chain_seq, kafka_offset, prev_hash,"
                     + " record_hash from audit_record where chain_id = ? order by chain_seq")) {
            select.setString(1, chainId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getString(5),
                            row.getString(6)));
                }
            }
            return rows;
        }
    }

    private static long countForPatient(String patient) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement count = db.prepareStatement("select count(*) from audit_record where patient_id = ?")) {
            count.setString(1, patient);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
