package org.careline.audit.service;

import org.careline.audit.AuditRecord;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The canonical form is a published contract (README): pin it. */
class RecordHasherTest {

    static AuditRecord sample() {
        AuditRecord r = new AuditRecord();
        r.chainId = "careline.audit.records/0";
        r.chainSeq = 7L;
        r.prevHash = RecordHasher.GENESIS;
        r.eventId = "e-1";
        r.eventSource = "/careline/messaging-service";
        r.eventType = "careline.audit.access-recorded.v1";
        r.sourceService = "messaging-service";
        r.userId = "sub-dr.lee";
        r.username = "dr.lee";
        r.role = "clinician";
        r.clientId = null;
        r.sourceAddress = "10.0.4.17";
        r.action = AuditAction.READ;
        r.resourceType = "Thread";
        r.resourceId = "t-1";
        r.patientId = "P-1001";
        r.purposeOfUse = "TREAT";
        r.outcome = AuditOutcome.SUCCESS;
        r.requestId = "req-1";
        r.occurredAt = Instant.parse("2026-11-23T10:15:30Z");
        r.receivedAt = Instant.parse("2026-11-23T10:15:30.123456789Z");
        r.kafkaTopic = "careline.audit.records";
        r.kafkaPartition = 0;
        r.kafkaOffset = 41L;
        r.rawEvent = "{\"a\":\"é\\n\"}";
        return r;
    }

    @Test
    void theCanonicalFormIsVersionedLengthPrefixedAndFixedOrder() {
        String expected = "careline-audit-record-v1\n"
                + "24:careline.audit.records/0\n1:7\n64:" + "0".repeat(64) + "\n3:e-1\n"
                + "27:/careline/messaging-service\n33:careline.audit.access-recorded.v1\n17:messaging-service\n"
                + "10:sub-dr.lee\n6:dr.lee\n9:clinician\n-\n9:10.0.4.17\n4:READ\n6:Thread\n3:t-1\n6:P-1001\n"
                + "5:TREAT\n7:SUCCESS\n5:req-1\n27:2026-11-23T10:15:30.000000Z\n27:2026-11-23T10:15:30.123456Z\n"
                + "22:careline.audit.records\n1:0\n2:41\n11:{\"a\":\"é\\n\"}\n";
        assertEquals(expected, RecordHasher.canonical(sample()));
        assertEquals(RecordHasher.sha256(expected), RecordHasher.hash(sample()));
    }

    @Test
    void everyFieldCountsAndNullDiffersFromEmpty() {
        AuditRecord changed = sample();
        changed.patientId = "P-1002";
        assertNotEquals(RecordHasher.hash(sample()), RecordHasher.hash(changed));
        AuditRecord empty = sample();
        empty.clientId = "";
        assertNotEquals(RecordHasher.hash(sample()), RecordHasher.hash(empty));
        AuditRecord moved = sample();
        moved.chainSeq = 8L;
        assertNotEquals(RecordHasher.hash(sample()), RecordHasher.hash(moved));
    }

    @Test
    void aKnownHashStaysTheSame() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", RecordHasher.sha256(""));
    }
}
