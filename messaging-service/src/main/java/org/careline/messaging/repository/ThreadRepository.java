package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.MessageThread;
import org.careline.messaging.service.PageCursor;
import org.careline.messaging.service.ThreadFilter;
import org.careline.messaging.service.ThreadQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<MessageThread, UUID> {

    /** A page of visible threads matching the query, latest activity first. */
    public Uni<List<MessageThread>> page(ThreadFilter visible, ThreadQuery query, PageCursor after, int limit) {
        Parameters params = new Parameters();
        List<String> reach = new ArrayList<>();
        if (!visible.patients().isEmpty()) {
            reach.add("patientId in :visiblePatients");
            params.and("visiblePatients", visible.patients());
        }
        if (!visible.careTeams().isEmpty()) {
            reach.add("careTeam in :visibleTeams");
            params.and("visibleTeams", visible.careTeams());
        }
        if (visible.addressee() != null) {
            reach.add("addressedTo = :addressee");
            params.and("addressee", visible.addressee());
        }
        StringBuilder where = new StringBuilder("(").append(String.join(" or ", reach)).append(")");
        if (query.status() != null) {
            where.append(" and status = :status");
            params.and("status", query.status());
        }
        if (query.topic() != null) {
            where.append(" and topic = :topic");
            params.and("topic", query.topic());
        }
        if (query.patientId() != null) {
            where.append(" and patientId = :patientId");
            params.and("patientId", query.patientId());
        }
        if (query.updatedAfter() != null) {
            where.append(" and updatedAt > :updatedAfter");
            params.and("updatedAfter", query.updatedAfter());
        }
        if (after != null) {
            where.append(" and (updatedAt < :afterAt or (updatedAt = :afterAt and id < :afterId))");
            params.and("afterAt", after.updatedAt()).and("afterId", after.id());
        }
        where.append(" order by updatedAt desc, id desc");
        return find(where.toString(), params).range(0, limit - 1).list();
    }

    /**
     * Open threads without activity since {@code cutoff}, oldest first, locked so that concurrent
     * closers (several replicas) skip them. Must run inside a transaction.
     */
    @SuppressWarnings("unchecked")
    public Uni<List<MessageThread>> lockInactive(Instant cutoff, int size) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from message_thread where status <> 'CLOSED' and updated_at < :cutoff"
                        + " order by updated_at limit :size for update skip locked", MessageThread.class)
                .setParameter("cutoff", cutoff)
                .setParameter("size", size)
                .getResultList());
    }
}
