package org.careline.messaging.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encrypts webhook signing secrets at rest: AES-256-GCM, a fresh 96-bit IV per encryption, the secret's row id as
 * additional authenticated data (a ciphertext copied onto another row does not decrypt). The key id travels with
 * each row so that keys rotate: the configured active key encrypts, every configured key decrypts. Thread-safe.
 */
@ApplicationScoped
public class SecretCipher {

    /** A secret as stored: the ciphertext and the id of the key that made it. */
    public record Sealed(String keyId, String text) {
    }

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    @Inject
    public SecretCipher(WebhookConfig config) {
        this(config.secretKeyId(), config.secretKeys());
    }

    SecretCipher(String activeKeyId, List<String> configured) {
        Map<String, SecretKeySpec> parsed = new HashMap<>();
        for (String entry : configured) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("careline.messaging.webhooks.secret-keys entries are <id>:<base64 key>");
            }
            String id = entry.substring(0, colon).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("webhook secret key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("webhook secret key " + id + " must be 32 bytes (AES-256)");
            }
            parsed.put(id, new SecretKeySpec(key, "AES"));
        }
        if (!parsed.containsKey(activeKeyId)) {
            throw new IllegalStateException("careline.messaging.webhooks.secret-key-id names no configured key");
        }
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = activeKeyId;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts a plain secret for the row {@code secretId} with the active key. */
    public Sealed seal(UUID secretId, String plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(secretId));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new Sealed(activeKeyId, PREFIX + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    /** The plain secret of a stored row; a row from before encryption (no key id) is still plain. */
    public String open(WebhookSecret row) {
        if (row.keyId == null) {
            return row.secret;
        }
        SecretKeySpec key = keys.get(row.keyId);
        if (key == null) {
            throw new IllegalStateException("webhook secret " + row.id + " is encrypted with key " + row.keyId
                    + ", which is not configured");
        }
        if (row.secret == null || !row.secret.startsWith(PREFIX)) {
            throw new IllegalStateException("webhook secret " + row.id + " is not in the encrypted format");
        }
        byte[] in = Base64.getDecoder().decode(row.secret.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(aad(row.id));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("webhook secret " + row.id + " does not decrypt (wrong key or tampered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt webhook secret " + row.id, e);
        }
    }

    private static byte[] aad(UUID secretId) {
        return secretId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
