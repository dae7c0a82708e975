package org.careline.audit.service;

import org.careline.audit.AuditRecord;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one chain, record by record in chain order, then against its signed checkpoints. Detects:
 * <ul>
 *   <li>a changed field: the recomputed hash differs ({@code hash-mismatch});</li>
 *   <li>a removed, inserted or reordered record: a gap in the sequence or a previous hash that is not the
 *       preceding record's hash ({@code sequence-gap}, {@code link-mismatch});</li>
 *   <li>a rewritten chain with recomputed hashes, or removed last records: a signed checkpoint whose hash is not
 *       the record's at that position, or points past the end ({@code checkpoint-mismatch},
 *       {@code records-missing});</li>
 *   <li>a forged checkpoint or anchor ({@code bad-signature}, {@code anchor-unproven}).</li>
 * </ul>
 * Not thread-safe: one instance per verification of one chain.
 */
public final class ChainVerifier {

    private final String chainId;
    private final Optional<ChainPosition> anchor;
    private final Map<Long, Checkpoint> checkpoints = new LinkedHashMap<>();
    private final Map<Long, String> hashesAtCheckpoints = new HashMap<>();
    private final CheckpointSigner signer;
    private ChainReport.Broken broken;
    private long records;
    private long expectedSeq;
    private String expectedPrev;
    private long lastSeq;
    private int checkpointsVerified;

    /**
     * @param anchor      the chain's latest retention anchor, if it was ever purged
     * @param checkpoints every checkpoint known for it (database and exported copies; duplicates are merged)
     */
    public ChainVerifier(String chainId, Optional<ChainPosition> anchor, Collection<Checkpoint> checkpoints,
                         CheckpointSigner signer) {
        this.chainId = chainId;
        this.anchor = anchor;
        this.signer = signer;
        ChainPosition start = anchor.orElse(ChainPosition.GENESIS);
        this.expectedSeq = start.seq();
        this.expectedPrev = start.prevHash();
        this.lastSeq = start.seq() - 1;
        for (Checkpoint c : checkpoints) {
            if (!chainId.equals(c.chainId())) {
                continue;
            }
            Checkpoint known = this.checkpoints.putIfAbsent(c.seq(), c);
            if (known != null && !known.recordHash().equals(c.recordHash())) {
                fail(c.seq(), null, "checkpoint-conflict", "two checkpoints of this position disagree");
            }
        }
    }

    /** Checks the next record in chain order; false once the chain is broken (stop feeding it). */
    public boolean accept(AuditRecord r) {
        if (broken != null) {
            return false;
        }
        records++;
        if (r.chainSeq == null || r.chainSeq != expectedSeq) {
            return fail(expectedSeq, r.eventId, "sequence-gap",
                    "expected position " + expectedSeq + " but found " + r.chainSeq);
        }
        if (!expectedPrev.equals(r.prevHash)) {
            return fail(r.chainSeq, r.eventId, "link-mismatch", "its previous hash is not the preceding record's hash");
        }
        String hash = RecordHasher.hash(r);
        if (!hash.equals(r.recordHash)) {
            return fail(r.chainSeq, r.eventId, "hash-mismatch", "its content does not match its hash");
        }
        if (checkpoints.containsKey(r.chainSeq)) {
            hashesAtCheckpoints.put(r.chainSeq, hash);
        }
        expectedSeq = r.chainSeq + 1;
        expectedPrev = hash;
        lastSeq = r.chainSeq;
        return true;
    }

    /** Ends the walk: checks the checkpoints and the anchor, and reports. */
    public ChainReport finish() {
        long firstSeq = anchor.map(ChainPosition::seq).orElse(1L);
        if (broken == null) {
            checkCheckpoints(firstSeq);
        }
        return new ChainReport(chainId, broken == null, records, firstSeq, lastSeq, checkpointsVerified, broken);
    }

    private void checkCheckpoints(long firstSeq) {
        boolean anchorProven = anchor.isEmpty();
        for (Checkpoint c : checkpoints.values()) {
            if (!signer.verify(c)) {
                fail(c.seq(), null, "bad-signature", "a checkpoint's signature does not verify (key " + c.keyId() + ")");
                return;
            }
            if (anchor.isPresent() && c.seq() == firstSeq - 1) {
                if (!c.recordHash().equals(anchor.get().prevHash())) {
                    fail(firstSeq, null, "anchor-unproven", "the retention anchor does not match its signed checkpoint");
                    return;
                }
                anchorProven = true;
                checkpointsVerified++;
                continue;
            }
            if (c.seq() < firstSeq) {
                continue;                                  // purged with retention
            }
            if (c.seq() > lastSeq) {
                fail(lastSeq + 1, null, "records-missing",
                        "a signed checkpoint covers position " + c.seq() + " but the chain ends at " + lastSeq);
                return;
            }
            if (!c.recordHash().equals(hashesAtCheckpoints.get(c.seq()))) {
                fail(c.seq(), null, "checkpoint-mismatch",
                        "the record at this position is not the one the signed checkpoint covers");
                return;
            }
            checkpointsVerified++;
        }
        if (!anchorProven) {
            fail(firstSeq, null, "anchor-unproven", "no signed checkpoint covers the retention anchor");
        }
    }

    private boolean fail(long seq, String eventId, String problem, String detail) {
        if (broken == null) {
            broken = new ChainReport.Broken(seq, eventId, problem, detail);
        }
        return false;
    }
}
