package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.QueueItem;
import org.careline.triage.QueueStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class QueueItemRepository implements PanacheRepositoryBase<QueueItem, UUID> {

    /** Open and overdue counts of one queue of one care team. */
    public record Counts(String careTeam, String queue, long open, long overdue) {
    }

    /** Where a page of a work list ends: the sort key of its last item. */
    public record Position(int priority, Instant dueAt, UUID id) {
    }

    /** The thread's open item, or null. */
    public Uni<QueueItem> findOpen(UUID threadId) {
        return find("threadId = ?1 and status = ?2", threadId, QueueStatus.OPEN).firstResult();
    }

    /** Open and overdue counts per queue of the given care teams. */
    public Uni<List<Counts>> counts(Collection<String> careTeams, Instant now) {
        return getSession().chain(session -> session.createQuery(
                        "select careTeam, queue, count(*), sum(case when dueAt < :now then 1 else 0 end) "
                                + "from QueueItem where status = :open and careTeam in :teams "
                                + "group by careTeam, queue order by careTeam, queue", Object[].class)
                .setParameter("now", now)
                .setParameter("open", QueueStatus.OPEN)
                .setParameter("teams", careTeams)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Counts((String) r[0], (String) r[1],
                        ((Number) r[2]).longValue(), r[3] == null ? 0 : ((Number) r[3]).longValue())).toList());
    }

    /** A page of a queue's open items across the given care teams, most pressing first, after a position. */
    public Uni<List<QueueItem>> page(Collection<String> careTeams, String queue, Position after, int limit) {
        if (after == null) {
            return find("careTeam in ?1 and queue = ?2 and status = ?3 order by priority, dueAt, id",
                    careTeams, queue, QueueStatus.OPEN).range(0, limit - 1).list();
        }
        return find("careTeam in ?1 and queue = ?2 and status = ?3 and (priority > ?4 or (priority = ?4 and "
                        + "(dueAt > ?5 or (dueAt = ?5 and id > ?6)))) order by priority, dueAt, id",
                careTeams, queue, QueueStatus.OPEN, after.priority(), after.dueAt(), after.id())
                .range(0, limit - 1).list();
    }

    /** Open items past their due time that were not escalated yet, oldest due first. */
    public Uni<List<QueueItem>> overdueNotEscalated(Instant now, int limit) {
        return find("status = ?1 and dueAt < ?2 and overdueEscalatedAt is null order by dueAt, id",
                QueueStatus.OPEN, now).range(0, limit - 1).list();
    }

    /** Every open item (for queue metrics: depth, age, breaches). */
    public Uni<List<QueueItem>> allOpen() {
        return list("status", QueueStatus.OPEN);
    }
}
