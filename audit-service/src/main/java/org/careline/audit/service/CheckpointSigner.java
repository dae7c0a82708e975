package org.careline.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.config.AuditConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Signs and checks checkpoints with HMAC-SHA256 keys from configuration (never from the database). The active
 * key signs; retired keys still verify. Canonical form, version 1:
 * {@code careline-audit-checkpoint-v1 LF chainId LF seq LF recordHash LF createdAt LF keyId LF}, createdAt as in
 * {@link RecordHasher} (UTC, six fraction digits).
 */
@ApplicationScoped
public class CheckpointSigner {

    public static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, byte[]> keys = new HashMap<>();

    public CheckpointSigner(AuditConfig config) {
        AuditConfig.Checkpoint checkpoint = config.checkpoint();
        config.checkpoint().previousKeys().forEach((id, key) -> keys.put(id, decode(id, key)));
        this.activeKeyId = checkpoint.keyId();
        keys.put(activeKeyId, decode(activeKeyId, checkpoint.key()));
    }

    public Checkpoint sign(String chainId, long seq, String recordHash, Instant createdAt) {
        Instant at = RecordHasher.micros(createdAt);
        String signature = mac(keys.get(activeKeyId), canonical(chainId, seq, recordHash, at, activeKeyId));
        return new Checkpoint(chainId, seq, recordHash, at, activeKeyId, ALGORITHM, signature);
    }

    /** Whether the signature is right for a key we know; false for an unknown key id or algorithm. */
    public boolean verify(Checkpoint c) {
        byte[] key = keys.get(c.keyId());
        if (key == null || !ALGORITHM.equals(c.algorithm()) || c.signature() == null) {
            return false;
        }
        String expected = mac(key, canonical(c.chainId(), c.seq(), c.recordHash(), c.createdAt(), c.keyId()));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.signature().getBytes(StandardCharsets.US_ASCII));
    }

    static String canonical(String chainId, long seq, String recordHash, Instant createdAt, String keyId) {
        return "careline-audit-checkpoint-v1\n" + chainId + "\n" + seq + "\n" + recordHash + "\n"
                + RecordHasher.instant(createdAt) + "\n" + keyId + "\n";
    }

    private static String mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] decode(String id, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("checkpoint key " + id + " is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("checkpoint key " + id + " is shorter than " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }
}
