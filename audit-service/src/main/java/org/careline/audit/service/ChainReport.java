package org.careline.audit.service;

/**
 * The verification result of one chain.
 *
 * @param records             how many records were checked
 * @param firstSeq            the first kept record's position (after a purge, the anchor's)
 * @param lastSeq             the last record's position (0 when the chain is empty)
 * @param checkpointsVerified signed checkpoints that matched (database and exported copies, each counted once)
 * @param firstBroken         the first problem found, null when the chain is intact
 */
public record ChainReport(String chainId, boolean valid, long records, long firstSeq, long lastSeq,
                          int checkpointsVerified, Broken firstBroken) {

    /**
     * The first broken point of a chain.
     *
     * @param seq      the chain position where the problem shows
     * @param eventId  the record there, when there is one
     * @param problem  what is wrong, e.g. {@code hash-mismatch}
     */
    public record Broken(long seq, String eventId, String problem, String detail) {
    }
}
