package org.careline.audit.service;

import java.time.Instant;

/**
 * A signed statement that record {@code seq} of chain {@code chainId} has hash {@code recordHash}. Anyone who
 * rewrites the chain in the database cannot produce a matching signature without the key.
 *
 * @param algorithm {@code HmacSHA256}
 * @param signature lower-case hex over {@link CheckpointSigner#canonical}
 */
public record Checkpoint(String chainId, long seq, String recordHash, Instant createdAt, String keyId,
                         String algorithm, String signature) {
}
