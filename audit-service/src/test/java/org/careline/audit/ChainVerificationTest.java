package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.careline.audit.service.AuditRecordService;
import org.careline.audit.service.CheckpointService;
import org.careline.audit.service.KafkaPosition;
import org.careline.audit.service.RecordHasher;
import org.careline.audit.service.RetentionService;
import org.careline.events.CloudEvent;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.CODEC;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.read;
import static org.careline.audit.ChainFixtures.chainOf;
import static org.careline.audit.ChainFixtures.newTopic;
import static org.careline.audit.ChainFixtures.store;
import static org.careline.audit.ChainFixtures.tamper;
import static org.careline.audit.ChainFixtures.verify;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tampering straight in the database, as a superuser who bypasses the trigger: {@code verify} finds each kind,
 * and names the first broken record. Each test has a chain of its own.
 */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ChainVerificationTest {

    @Inject
    AuditRecordService records;

    @Inject
    CheckpointService checkpoints;

    @Inject
    RetentionService retention;

    @Test
    void anUntouchedChainVerifiesWithItsCheckpoint() {
        String topic = newTopic("intact");
        store(records, topic, 5);
        checkpoints.checkpointHead(chainOf(topic)).await().indefinitely();

        verify(chainOf(topic))
                .body("chains", hasSize(1))
                .body("chains[0].valid", equalTo(true))
                .body("chains[0].records", equalTo(5))
                .body("chains[0].firstSeq", equalTo(1))
                .body("chains[0].lastSeq", equalTo(5))
                .body("chains[0].checkpointsVerified", equalTo(1))
                .body("chains[0].firstBroken", nullValue())
                .body("exportedCopies", equalTo(true));
    }

    @Test
    void aChangedFieldIsFound() throws SQLException {
        String topic = newTopic("changed");
        List<CloudEvent> events = store(records, topic, 5);
        tamper("update audit_record set patient_id = 'P-someone-else' where event_id = '" + events.get(2).id() + "'");

        assertBroken(topic, 3, "hash-mismatch", events.get(2).id());
    }

    @Test
    void aDeletedRowIsFound() throws SQLException {
        String topic = newTopic("deleted");
        List<CloudEvent> events = store(records, topic, 5);
        tamper("delete from audit_record where event_id = '" + events.get(2).id() + "'");

        assertBroken(topic, 3, "sequence-gap", events.get(3).id());
    }

    @Test
    void twoSwappedRowsAreFound() throws SQLException {
        String topic = newTopic("swapped");
        List<CloudEvent> events = store(records, topic, 5);
        String chain = chainOf(topic);
        // the second and third records trade places in the chain
        tamper("update audit_record set chain_seq = -2 where chain_id = '" + chain + "' and chain_seq = 2",
                "update audit_record set chain_seq = 2 where chain_id = '" + chain + "' and chain_seq = 3",
                "update audit_record set chain_seq = 3 where chain_id = '" + chain + "' and chain_seq = -2");

        assertBroken(topic, 2, "link-mismatch", events.get(2).id());
    }

    @Test
    void removedLastRecordsAreFoundByTheCheckpoint() throws SQLException {
        String topic = newTopic("truncated");
        List<CloudEvent> events = store(records, topic, 5);
        checkpoints.checkpointHead(chainOf(topic)).await().indefinitely();
        tamper("delete from audit_record where event_id in ('" + events.get(3).id() + "', '" + events.get(4).id() + "')");

        verify(chainOf(topic))
                .body("valid", equalTo(false))
                .body("chains[0].valid", equalTo(false))
                .body("chains[0].firstBroken.seq", equalTo(4))
                .body("chains[0].firstBroken.problem", equalTo("records-missing"));
    }

    @Test
    void aChainRewrittenWithRecomputedHashesIsFoundByTheSignedCheckpoint() throws SQLException {
        String topic = newTopic("rewritten");
        List<CloudEvent> events = store(records, topic, 6);
        String chain = chainOf(topic);
        checkpoints.checkpointHead(chain).await().indefinitely();
        // the attacker changes record 2 and recomputes every hash after it, so that all links hold again;
        // they also remove the checkpoints kept in the database: the exported copy remains
        rewriteFrom(chain, 2, "P-rewritten");
        tamper("delete from audit_checkpoint where chain_id = '" + chain + "'");

        verify(chain)
                .body("chains[0].valid", equalTo(false))
                .body("chains[0].records", equalTo(6))
                .body("chains[0].firstBroken.seq", equalTo(6))
                .body("chains[0].firstBroken.problem", equalTo("checkpoint-mismatch"));
        assertEquals(6, events.size());
    }

    @Test
    void aForgedCheckpointIsFound() throws SQLException {
        String topic = newTopic("forged");
        store(records, topic, 3);
        String chain = chainOf(topic);
        tamper("insert into audit_checkpoint (chain_id, chain_seq, record_hash, created_at, key_id, algorithm, signature)"
                + " select chain_id, chain_seq, record_hash, now(), 'test', 'HmacSHA256', repeat('ab', 32)"
                + " from audit_record where chain_id = '" + chain + "' and chain_seq = 3");

        verify(chain)
                .body("chains[0].valid", equalTo(false))
                .body("chains[0].firstBroken.problem", equalTo("bad-signature"));
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndTheChainHasNoGap() throws SQLException {
        String topic = newTopic("redelivered");
        CloudEvent event = event(read("P-redelivered", "sub-dr.lee", Instant.now()));
        String raw = CODEC.write(event);
        assertTrue(records.store(event, raw, new KafkaPosition(topic, 0, 0)).await().indefinitely());
        // redelivered at a later offset, as after a consumer crash before the commit
        assertEquals(false, records.store(event, raw, new KafkaPosition(topic, 0, 1)).await().indefinitely());
        store(records, topic, 2, 1);

        assertEquals(1, AccessRecordedConsumerTest.countRows(event.id()));
        verify(chainOf(topic)).body("chains[0].valid", equalTo(true)).body("chains[0].records", equalTo(2));
    }

    @Test
    void concurrentWritersOfOneChainKeepItGapFree() {
        String topic = newTopic("concurrent");
        List<Uni<Boolean>> writes = IntStream.range(0, 40).mapToObj(i -> {
            CloudEvent event = event(read("P-concurrent", "sub-dr.lee", Instant.now()));
            return records.store(event, CODEC.write(event), new KafkaPosition(topic, 0, i));
        }).toList();
        Uni.join().all(writes).andFailFast().await().atMost(Duration.ofSeconds(60));

        verify(chainOf(topic))
                .body("chains[0].valid", equalTo(true))
                .body("chains[0].records", equalTo(40))
                .body("chains[0].lastSeq", equalTo(40));
    }

    @Test
    void purgingOldRecordsKeepsTheRestVerifiable() throws SQLException {
        String topic = newTopic("retention");
        String chain = chainOf(topic);
        store(records, topic, 0, 3);
        Instant cut = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(cut.plusMillis(5)));
        List<CloudEvent> kept = store(records, topic, 3, 2);

        long purged = retention.purge(chain, cut).await().indefinitely();

        assertEquals(3, purged);
        verify(chain)
                .body("chains[0].valid", equalTo(true))
                .body("chains[0].records", equalTo(2))
                .body("chains[0].firstSeq", equalTo(4))
                .body("chains[0].lastSeq", equalTo(5))
                .body("chains[0].checkpointsVerified", greaterThanOrEqualTo(1));
        assertEquals(1, AccessRecordedConsumerTest.countRows(kept.get(0).id()));
        // and the chain goes on after the purge
        store(records, topic, 5, 1);
        verify(chain).body("chains[0].valid", equalTo(true)).body("chains[0].lastSeq", equalTo(6));
    }

    @Test
    void aForgedRetentionAnchorIsFound() throws SQLException {
        String topic = newTopic("anchor");
        String chain = chainOf(topic);
        List<CloudEvent> events = store(records, topic, 4);
        // records 1 and 2 removed behind the chain's back, with an anchor that no signed checkpoint covers
        tamper("delete from audit_record where chain_id = '" + chain + "' and chain_seq <= 2",
                "insert into audit_chain_anchor (chain_id, next_seq, prev_hash, purged_count, purged_before)"
                        + " select chain_id, 3, prev_hash, 2, now() from audit_record where chain_id = '" + chain
                        + "' and chain_seq = 3");

        verify(chain)
                .body("chains[0].valid", equalTo(false))
                .body("chains[0].firstBroken.problem", equalTo("anchor-unproven"));
        assertEquals(4, events.size());
    }

    private static void assertBroken(String topic, int seq, String problem, String eventId) {
        verify(chainOf(topic))
                .body("valid", equalTo(false))
                .body("chains[0].valid", equalTo(false))
                .body("chains[0].firstBroken.seq", equalTo(seq))
                .body("chains[0].firstBroken.problem", equalTo(problem))
                .body("chains[0].firstBroken.eventId", equalTo(eventId));
    }

    /** Changes the patient of record {@code fromSeq} and recomputes the hashes and links of the rest of the chain. */
    private static void rewriteFrom(String chain, long fromSeq, String patientId) throws SQLException {
        List<String> updates = new ArrayList<>();
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("select id from audit_record where chain_id = ?"
                     + " and chain_seq >= ? order by chain_seq")) {
            select.setString(1, chain);
            select.setLong(2, fromSeq);
            String prev = null;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    org.careline.audit.AuditRecord r = StoredRecords.load(db, rows.getLong(1));
                    if (r.chainSeq == fromSeq) {
                        r.patientId = patientId;
                    } else {
                        r.prevHash = prev;
                    }
                    r.recordHash = RecordHasher.hash(r);
                    prev = r.recordHash;
                    updates.add("update audit_record set patient_id = " + (r.patientId == null ? "null" : "'" + r.patientId + "'")
                            + ", prev_hash = '" + r.prevHash + "', record_hash = '" + r.recordHash + "' where id = " + r.id);
                }
            }
        }
        tamper(updates.toArray(String[]::new));
    }
}
