package org.careline.platform.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small bounded cache of bearer tokens that passed verification (signature, issuer, audience, expiry), so that a
 * client sending the same token again is not verified again: the key is the SHA-256 of the raw token (a changed
 * byte is another key, verified in full), the value the verified identity. An entry lives until the token's
 * {@code exp} or for {@code ttl}, whichever comes first: a token from a key the identity provider retired is refused
 * at most {@code ttl} after the service's key set dropped that key. Only successes are stored; when the cache is full,
 * expired entries are dropped, and if none were, everything (the next requests are verified in full again).
 */
public final class VerifiedTokens {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    private final long ttlMillis;
    private final Clock clock;

    public VerifiedTokens(int maxSize, Duration ttl, Clock clock) {
        this.maxSize = maxSize;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** The SHA-256 of the token, hex: the cache key (the token itself is not kept as a key). */
    public static String keyOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The identity verified for this key, if it is still valid now. */
    public SecurityIdentity get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity;
    }

    /**
     * Remembers a verified identity until {@code tokenExpiresAtSeconds} (the token's {@code exp}) or the ttl,
     * whichever comes first. A token without an expiry, or already expired, is not stored.
     */
    public void put(String key, SecurityIdentity identity, long tokenExpiresAtSeconds) {
        long now = clock.millis();
        if (tokenExpiresAtSeconds <= 0 || tokenExpiresAtSeconds * 1000 <= now) {
            return;
        }
        long expiresAt = Math.min(tokenExpiresAtSeconds * 1000, now + ttlMillis);
        if (entries.size() >= maxSize) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis);
            if (entries.size() >= maxSize) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(identity, expiresAt));
    }

    public int size() {
        return entries.size();
    }

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }
}
