package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.IdempotencyKey;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, IdempotencyKey.Key> {

    /** The caller's row for this key, locked until the transaction ends; null when there is none. */
    @SuppressWarnings("unchecked")
    public Uni<IdempotencyKey> lock(String callerId, String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from idempotency_key where caller_id = :caller and idem_key = :key for update",
                        IdempotencyKey.class)
                .setParameter("caller", callerId)
                .setParameter("key", key)
                .getResultList())
                .map(rows -> ((List<IdempotencyKey>) rows).isEmpty() ? null : ((List<IdempotencyKey>) rows).get(0));
    }

    /**
     * Stores the answer under a key this request still holds (same fingerprint, no answer yet). Returns the rows
     * changed: 0 when another request took the key over and answered first. Runs in the transaction of the change.
     */
    public Uni<Integer> complete(String callerId, String key, String fingerprint, int status, String location,
                                 String body, String resourceId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update idempotency_key set response_status = :status, response_location = :location,"
                        + " response_body = :body, resource_id = :resource, locked_until = null"
                        + " where caller_id = :caller and idem_key = :key and fingerprint = :fingerprint"
                        + " and response_status is null")
                .setParameter("status", status)
                .setParameter("location", location)
                .setParameter("body", body)
                .setParameter("resource", resourceId)
                .setParameter("caller", callerId)
                .setParameter("key", key)
                .setParameter("fingerprint", fingerprint)
                .executeUpdate());
    }

    /** Gives up a claim whose request failed, so that the client may send it again with the same key. */
    public Uni<Integer> release(String callerId, String key, String fingerprint) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_key where caller_id = :caller and idem_key = :key"
                        + " and fingerprint = :fingerprint and response_status is null")
                .setParameter("caller", callerId)
                .setParameter("key", key)
                .setParameter("fingerprint", fingerprint)
                .executeUpdate());
    }

    /** Deletes every key that expired before {@code now}. */
    public Uni<Integer> deleteExpired(Instant now) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_key where expires_at < :now")
                .setParameter("now", now)
                .executeUpdate());
    }
}
