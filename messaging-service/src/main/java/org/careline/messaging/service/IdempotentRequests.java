package org.careline.messaging.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.IdempotencyKey;
import org.careline.messaging.config.IdempotencyConfig;
import org.careline.messaging.repository.IdempotencyKeyRepository;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header) on POSTs that create
 * something. A key belongs to the caller who sent it. In order:
 * <ol>
 *   <li>{@link #begin} claims the key in a short transaction: new (or expired) key, or a claim abandoned past its
 *       lease: go ahead; the same key with another request: 422; a request with it still in flight: 409; already
 *       answered: the stored answer, to be replayed;</li>
 *   <li>the use case runs and calls {@link #complete} inside its own transaction, so the answer is stored exactly
 *       when the thread or message is (never one without the other);</li>
 *   <li>a use case that fails gives the key back ({@link #guard}): the client may send it again.</li>
 * </ol>
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** A request's claim on a key: who sent it, the key, and the fingerprint of the request. */
    public record Claim(String callerId, String key, String fingerprint) {
    }

    /** The answer stored under a key, replayed to every retry. */
    public record Stored(int status, String location, String body, String resourceId) {
    }

    private final IdempotencyKeyRepository keys;
    private final IdempotencyConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public IdempotentRequests(IdempotencyKeyRepository keys, IdempotencyConfig config, ObjectMapper json, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The claim of a request on its key. The header is a structured-field string ({@code "abc"}); a bare token is
     * accepted too. 400 when it is not 1 to 255 visible ASCII characters.
     *
     * @param operation the operation and its target, e.g. {@code POST /api/v1/threads/{id}/messages} with the id
     * @param request   the parsed request body: its JSON form goes into the fingerprint (whitespace does not count)
     */
    public Claim claimOf(Caller caller, String header, String operation, Object request) {
        String key = header.trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!WELL_FORMED.matcher(key).matches()) {
            throw ProblemException.badRequest("The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
        }
        return new Claim(caller.userId(), key, fingerprint(operation, request));
    }

    /** Claims the key: empty to go ahead, or the stored answer to replay; 409 or 422 problems otherwise. */
    public Uni<Optional<Stored>> begin(Claim claim) {
        return Panache.withTransaction(() -> keys.lock(claim.callerId(), claim.key()).chain(row -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (row == null) {
                IdempotencyKey fresh = new IdempotencyKey();
                fresh.callerId = claim.callerId();
                fresh.key = claim.key();
                claim(fresh, claim, now);
                return keys.persist(fresh).replaceWith(Optional.<Stored>empty());
            }
            if (!row.expiresAt.isAfter(now)) {
                claim(row, claim, now);   // an expired key is a new one
                return Uni.createFrom().item(Optional.<Stored>empty());
            }
            if (!row.fingerprint.equals(claim.fingerprint())) {
                throw new ProblemException(422, "idempotency-key-reused", "Unprocessable Content",
                        "This Idempotency-Key was used with a different request. Use a new key for a new request.");
            }
            if (row.responseStatus != null) {
                return Uni.createFrom().item(Optional.of(
                        new Stored(row.responseStatus, row.responseLocation, row.responseBody, row.resourceId)));
            }
            if (row.lockedUntil != null && row.lockedUntil.isAfter(now)) {
                throw inFlight();
            }
            // claimed by a request whose process died before it committed: nothing was stored, take it over
            Log.infof("idempotency key of %s taken over after its lease ran out", claim.callerId());
            row.lockedUntil = now.plus(config.lease());
            return Uni.createFrom().item(Optional.<Stored>empty());
        })).onFailure(IdempotentRequests::isUniqueViolation).transform(failure -> inFlight());
    }

    /**
     * Stores the answer under the claimed key. Call it inside the transaction of the use case; fails with 409 (and
     * so rolls the use case back) when another request took the key over and answered first.
     */
    public Uni<Void> complete(Claim claim, int status, String location, Object body, String resourceId) {
        return keys.complete(claim.callerId(), claim.key(), claim.fingerprint(), status, location, write(body), resourceId)
                .invoke(changed -> {
                    if (changed == 0) {
                        throw inFlight();
                    }
                })
                .replaceWithVoid();
    }

    /** The use case, giving the key back if it fails (the failure itself goes on unchanged). */
    public <T> Uni<T> guard(Claim claim, Uni<T> work) {
        return work.onFailure().call(failure -> Panache.withTransaction(
                        () -> keys.release(claim.callerId(), claim.key(), claim.fingerprint()))
                .onFailure().invoke(e -> Log.warnf("idempotency key of %s not released (%s); its lease will run out",
                        claim.callerId(), e.getClass().getName()))
                .onFailure().recoverWithNull());
    }

    /** The stored answer's body as the type the endpoint answers. */
    public <T> T body(Stored stored, Class<T> type) {
        try {
            return json.readValue(stored.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent answer unreadable", e);
        }
    }

    /** Deletes the keys that expired; returns how many. Runs in a transaction of its own. */
    public Uni<Integer> deleteExpired() {
        return Panache.withTransaction(() -> keys.deleteExpired(clock.instant()));
    }

    private void claim(IdempotencyKey row, Claim claim, Instant now) {
        row.fingerprint = claim.fingerprint();
        row.lockedUntil = now.plus(config.lease());
        row.responseStatus = null;
        row.responseLocation = null;
        row.responseBody = null;
        row.resourceId = null;
        row.createdAt = now;
        row.expiresAt = now.plus(config.retention());
    }

    private static ProblemException inFlight() {
        return new ProblemException(409, "idempotency-key-in-flight", "Conflict",
                "A request with this Idempotency-Key is still being processed. Retry shortly to get its answer.");
    }

    private String fingerprint(String operation, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(operation.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())
                    || cause instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
