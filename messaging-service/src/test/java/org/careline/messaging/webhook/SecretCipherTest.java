package org.careline.messaging.webhook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-256-GCM encryption of webhook signing secrets at rest, and key rotation; plain JUnit. */
class SecretCipherTest {

    private static final String KEY_1 = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = "k2:" + java.util.Base64.getEncoder().encodeToString(
            "another-32-byte-key-for-testing!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final String PLAIN = WebhookSignature.newSecret();

    private static WebhookSecret row(UUID id, SecretCipher.Sealed sealed) {
        WebhookSecret row = new WebhookSecret();
        row.id = id;
        row.secret = sealed.text();
        row.keyId = sealed.keyId();
        return row;
    }

    @Test
    void aSealedSecretOpensOnlyForItsRowAndNeverHoldsThePlainValue() {
        SecretCipher cipher = new SecretCipher("k1", List.of(KEY_1));
        UUID id = UUID.randomUUID();
        SecretCipher.Sealed sealed = cipher.seal(id, PLAIN);
        SecretCipher.Sealed again = cipher.seal(id, PLAIN);

        assertEquals("k1", sealed.keyId());
        assertTrue(sealed.text().startsWith("v1:"), sealed.text());
        assertFalse(sealed.text().contains(PLAIN.substring(6)), "the stored text must not contain the secret");
        assertNotEquals(sealed.text(), again.text(), "a fresh IV per encryption");
        assertEquals(PLAIN, cipher.open(row(id, sealed)));
        // copied onto another row, or tampered with, it does not decrypt
        assertThrows(IllegalStateException.class, () -> cipher.open(row(UUID.randomUUID(), sealed)));
        char last = sealed.text().charAt(sealed.text().length() - 3);
        String tampered = sealed.text().substring(0, sealed.text().length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.text().substring(sealed.text().length() - 2);
        assertThrows(IllegalStateException.class,
                () -> cipher.open(row(id, new SecretCipher.Sealed("k1", tampered))));
    }

    @Test
    void afterARotationTheOldKeyStillDecryptsAndTheNewOneEncrypts() {
        SecretCipher before = new SecretCipher("k1", List.of(KEY_1));
        SecretCipher after = new SecretCipher("k2", List.of(KEY_1, KEY_2));
        SecretCipher withoutOld = new SecretCipher("k2", List.of(KEY_2));
        UUID id = UUID.randomUUID();
        WebhookSecret old = row(id, before.seal(id, PLAIN));

        assertEquals(PLAIN, after.open(old));
        assertEquals("k2", after.seal(id, PLAIN).keyId());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> withoutOld.open(old));
        assertTrue(e.getMessage().contains("k1"), e.getMessage());
        assertFalse(e.getMessage().contains(PLAIN), "an error never carries the secret");
    }

    @Test
    void aRowFromBeforeEncryptionIsReadAsPlain() {
        WebhookSecret legacy = new WebhookSecret();
        legacy.id = UUID.randomUUID();
        legacy.secret = PLAIN;

        assertEquals(PLAIN, new SecretCipher("k1", List.of(KEY_1)).open(legacy));
    }

    @Test
    void badKeyConfigurationStopsTheService() {
        assertThrows(IllegalStateException.class, () -> new SecretCipher("k9", List.of(KEY_1)));
        assertThrows(IllegalStateException.class, () -> new SecretCipher("k1", List.of("k1:c2hvcnQ=")));
        assertThrows(IllegalStateException.class, () -> new SecretCipher("k1", List.of("k1:not base64!")));
        assertThrows(IllegalStateException.class, () -> new SecretCipher("k1", List.of("no-colon")));
    }
}
