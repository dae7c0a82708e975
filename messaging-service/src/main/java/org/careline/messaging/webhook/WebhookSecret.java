package org.careline.messaging.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A signing secret ({@code whsec_<base64>}); it signs deliveries until it expires (null: no expiry yet). Stored
 * encrypted ({@link SecretCipher}): {@code secret} holds the ciphertext, {@code keyId} names the key (null only for
 * a row written before encryption, re-encrypted at startup).
 */
@Entity
@Table(name = "webhook_secret")
public class WebhookSecret {

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    /** The encrypted secret ({@code v1:<base64 of IV, ciphertext and tag>}); never the plain value. */
    @Column(nullable = false)
    public String secret;

    /** The id of the key that encrypted {@code secret}. */
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
