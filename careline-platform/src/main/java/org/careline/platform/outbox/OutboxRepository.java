package org.careline.platform.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * The oldest unpublished events, locked so that concurrent relays (several replicas) skip them.
     * Must run inside a transaction.
     */
    @SuppressWarnings("unchecked")
    public Uni<List<OutboxEvent>> lockNextBatch(int size) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from outbox_event where published_at is null"
                        + " order by id limit :size for update skip locked", OutboxEvent.class)
                .setParameter("size", size)
                .getResultList());
    }

    /** Marks the given rows published, in one statement. Must run in the transaction that locked them. */
    public Uni<Integer> markPublished(List<Long> ids, Instant publishedAt) {
        return update("publishedAt = ?1 where id in ?2", publishedAt, ids);
    }

    public Uni<Long> countUnpublished() {
        return count("publishedAt is null");
    }
}
