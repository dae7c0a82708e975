package org.careline.audit.service;

/**
 * Where a chain continues: the next record gets {@code seq} and {@code prevHash}.
 *
 * @param seq      the next sequence number
 * @param prevHash the hash the next record links to
 */
public record ChainPosition(long seq, String prevHash) {

    /** An empty chain: the first record is 1 and links to 64 zeros. */
    public static final ChainPosition GENESIS = new ChainPosition(1, RecordHasher.GENESIS);
}
