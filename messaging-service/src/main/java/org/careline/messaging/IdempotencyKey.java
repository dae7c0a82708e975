package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} on a POST, scoped to the caller: the fingerprint of the request it was first
 * used with and, once that request has committed, the answer it got (replayed to every retry). While
 * {@link #responseStatus} is null the key is claimed by a request in flight, until {@link #lockedUntil}.
 */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKey.Key.class)
public class IdempotencyKey {

    @Id
    @Column(name = "caller_id")
    public String callerId;

    @Id
    @Column(name = "idem_key")
    public String key;

    /** SHA-256 (hex) of the operation, its target and the request body. */
    @Column(nullable = false)
    public String fingerprint;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_location")
    public String responseLocation;

    @Column(name = "response_body")
    public String responseBody;

    /** The thread the answer shows (audited as read when the answer is replayed). */
    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String callerId;
        public String key;

        public Key() {
        }

        public Key(String callerId, String key) {
            this.callerId = callerId;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(callerId, k.callerId) && Objects.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(callerId, key);
        }
    }
}
