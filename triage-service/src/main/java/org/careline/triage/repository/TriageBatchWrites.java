package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.careline.triage.QueueItem;
import org.careline.triage.QueueStatus;
import org.careline.triage.TriageDecision;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The reads and writes of a batch of triage decisions, a few statements per batch instead of several per message
 * (issue 9): each a multi-row statement in the current session's transaction (the consumer's batch, with its inbox
 * rows and outbox events). Entities are used as plain values here: nothing is left managed by the session, so nothing
 * is written again at flush.
 */
@ApplicationScoped
public class TriageBatchWrites {

    /** Of the given message ids, those that already have a decision. */
    public Uni<Set<String>> decided(Collection<String> messageIds) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select messageId from TriageDecision where messageId in :ids", String.class)
                .setParameter("ids", messageIds)
                .getResultList())
                .map(HashSet::new);
    }

    /**
     * The open items of the given threads, locked until the transaction ends (a clinician's claim or completion of the
     * same item waits for the batch), then detached: the caller changes them and writes them with {@link #update}.
     */
    public Uni<List<QueueItem>> openItemsForUpdate(Collection<UUID> threadIds) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                                "from QueueItem where threadId in :threads and status = :open", QueueItem.class)
                        .setParameter("threads", threadIds)
                        .setParameter("open", QueueStatus.OPEN)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList()
                        .invoke(items -> items.forEach(session::detach)));
    }

    /** Inserts the decisions with one statement. */
    public Uni<Void> insertDecisions(List<TriageDecision> decisions) {
        if (decisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = rows("insert into triage_decision (id, thread_id, message_id, patient_id, care_team, urgency, "
                + "category, confidence, explanation, rules_version, decided_at, visit_rule_id, visit_type, visit_reason) "
                + "values ", decisions.size(), 14, "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            int p = 1;
            for (TriageDecision d : decisions) {
                query.setParameter(p++, d.id)
                        .setParameter(p++, d.threadId)
                        .setParameter(p++, d.messageId)
                        .setParameter(p++, d.patientId)
                        .setParameter(p++, d.careTeam)
                        .setParameter(p++, d.urgency.name())
                        .setParameter(p++, d.category.name())
                        .setParameter(p++, d.confidence)
                        .setParameter(p++, d.explanation)
                        .setParameter(p++, d.rulesVersion)
                        .setParameter(p++, d.decidedAt)
                        .setParameter(p++, d.visitRuleId)
                        .setParameter(p++, d.visitType == null ? null : d.visitType.name())
                        .setParameter(p++, d.visitReason == null ? null : d.visitReason.name());
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** Inserts new open items with one statement (work-list columns left null: nobody holds them yet). */
    public Uni<Void> insertItems(List<QueueItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = rows("insert into queue_item (id, thread_id, patient_id, care_team, queue, urgency, priority, "
                + "due_at, status, last_message_id, created_at, updated_at) values ", items.size(), 12, "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            int p = 1;
            for (QueueItem i : items) {
                query.setParameter(p++, i.id)
                        .setParameter(p++, i.threadId)
                        .setParameter(p++, i.patientId)
                        .setParameter(p++, i.careTeam)
                        .setParameter(p++, i.queue)
                        .setParameter(p++, i.urgency.name())
                        .setParameter(p++, i.priority)
                        .setParameter(p++, i.dueAt)
                        .setParameter(p++, i.status.name())
                        .setParameter(p++, i.lastMessageId)
                        .setParameter(p++, i.createdAt)
                        .setParameter(p++, i.updatedAt);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * Writes what a decision changes on existing open items (route, urgency, due time, last message) with one
     * statement; fails if one of them is no longer open (the batch is then retried event by event).
     */
    public Uni<Void> update(List<QueueItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("update queue_item q set queue = v.queue, urgency = v.urgency, "
                + "priority = v.priority, due_at = v.due_at, last_message_id = v.last_message_id, "
                + "updated_at = v.updated_at from (values ");
        int p = 1;
        for (int i = 0; i < items.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(cast(?").append(p++).append(" as uuid), cast(?").append(p++)
                    .append(" as varchar), cast(?").append(p++).append(" as varchar), cast(?").append(p++)
                    .append(" as integer), cast(?").append(p++).append(" as timestamptz), cast(?").append(p++)
                    .append(" as varchar), cast(?").append(p++).append(" as timestamptz))");
        }
        sql.append(") as v (id, queue, urgency, priority, due_at, last_message_id, updated_at) "
                + "where q.id = v.id and q.status = 'OPEN'");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            int n = 1;
            for (QueueItem i : items) {
                query.setParameter(n++, i.id)
                        .setParameter(n++, i.queue)
                        .setParameter(n++, i.urgency.name())
                        .setParameter(n++, i.priority)
                        .setParameter(n++, i.dueAt)
                        .setParameter(n++, i.lastMessageId)
                        .setParameter(n++, i.updatedAt);
            }
            return query.executeUpdate();
        }).invoke(updated -> {
            if (updated != items.size()) {
                throw new IllegalStateException("queue items changed under the batch: " + updated + " of "
                        + items.size() + " still open");
            }
        }).replaceWithVoid();
    }

    /** {@code prefix (?1, .., ?k), (?k+1, ..) suffix}: {@code count} rows of {@code columns} positional parameters. */
    public static String rows(String prefix, int count, int columns, String suffix) {
        StringBuilder sql = new StringBuilder(prefix);
        int p = 1;
        for (int r = 0; r < count; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? "?" : ", ?").append(p++);
            }
            sql.append(')');
        }
        return sql.append(suffix).toString();
    }
}
