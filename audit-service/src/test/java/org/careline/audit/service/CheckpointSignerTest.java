package org.careline.audit.service;

import org.careline.audit.config.AuditConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointSignerTest {

    private static final String OLD = key("old-key-old-key-old-key-old-key-old-key");
    private static final String NEW = key("new-key-new-key-new-key-new-key-new-key");
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

    @Test
    void aCheckpointVerifiesAndAnyChangeBreaksIt() {
        CheckpointSigner signer = new CheckpointSigner(config("k1", NEW, Map.of()));
        Checkpoint c = signer.sign("careline.audit.records/0", 42, "ab".repeat(32), AT);
        assertEquals("k1", c.keyId());
        assertEquals(CheckpointSigner.ALGORITHM, c.algorithm());
        assertTrue(signer.verify(c));
        assertFalse(signer.verify(new Checkpoint(c.chainId(), 43, c.recordHash(), c.createdAt(), c.keyId(),
                c.algorithm(), c.signature())));
        assertFalse(signer.verify(new Checkpoint(c.chainId(), 42, "cd".repeat(32), c.createdAt(), c.keyId(),
                c.algorithm(), c.signature())));
        assertFalse(signer.verify(new Checkpoint("other/0", 42, c.recordHash(), c.createdAt(), c.keyId(),
                c.algorithm(), c.signature())));
    }

    @Test
    void afterARotationOldCheckpointsStillVerifyAndUnknownKeysDoNot() {
        Checkpoint old = new CheckpointSigner(config("2026-10", OLD, Map.of())).sign("c/0", 1, "ab".repeat(32), AT);
        CheckpointSigner rotated = new CheckpointSigner(config("2026-11", NEW, Map.of("2026-10", OLD)));
        assertTrue(rotated.verify(old));
        assertEquals("2026-11", rotated.sign("c/0", 2, "ab".repeat(32), AT).keyId());
        CheckpointSigner forgotten = new CheckpointSigner(config("2026-11", NEW, Map.of()));
        assertFalse(forgotten.verify(old));
    }

    @Test
    void aShortOrMalformedKeyIsRefusedAtStartup() {
        assertThrows(IllegalStateException.class, () -> new CheckpointSigner(config("k", key("short"), Map.of())));
        assertThrows(IllegalStateException.class, () -> new CheckpointSigner(config("k", "not base64!", Map.of())));
    }

    private static String key(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static AuditConfig config(String keyId, String key, Map<String, String> previous) {
        AuditConfig.Checkpoint checkpoint = new AuditConfig.Checkpoint() {
            public String keyId() { return keyId; }
            public String key() { return key; }
            public Map<String, String> previousKeys() { return previous; }
            public Duration interval() { return Duration.ofMinutes(5); }
            public Optional<Path> exportDir() { return Optional.empty(); }
        };
        return new AuditConfig() {
            public int defaultPageSize() { return 50; }
            public int maxPageSize() { return 200; }
            public int storeRetries() { return 0; }
            public Duration storeRetryBackoff() { return Duration.ZERO; }
            public Checkpoint checkpoint() { return checkpoint; }
            public Retention retention() { return null; }
            public BreakGlass breakGlass() { return null; }
            public PatientView patientView() { return null; }
        };
    }
}
