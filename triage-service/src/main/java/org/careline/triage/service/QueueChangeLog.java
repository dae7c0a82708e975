package org.careline.triage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.config.TriageConfig;
import org.careline.triage.repository.TriageBatchWrites;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shared log of committed queue changes ({@code queue_change}, migration V9_1), the source of every instance's
 * live stream. {@link #append} writes a change in the caller's transaction (no dual write); the table's deferred
 * trigger gives it its id ({@code seq}) at commit, in commit order, and sends it with {@code NOTIFY} (delivered only
 * if the transaction commits). Reads go through the reactive pool, outside any Hibernate session. Identifiers and
 * codes only: no patient id, no text.
 */
@ApplicationScoped
public class QueueChangeLog {

    /** The PostgreSQL channel every instance LISTENs on. */
    public static final String CHANNEL = "careline_queue_change";

    private static final String INSERT = "insert into queue_change (change, item_id, thread_id, care_team, queue, "
            + "urgency, priority, due_at, status, assignee, actor, at) values ";

    /** The oldest and newest ids a reconnecting client's {@code Last-Event-ID} is compared with. */
    public record Bounds(Long oldest, long newest) {
    }

    private final Pool pool;
    private final ObjectMapper json;
    private final TriageConfig config;

    public QueueChangeLog(Pool pool, ObjectMapper json, TriageConfig config) {
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    /** Appends a change in the current transaction; {@code actor} is who made it (null: triage itself). */
    public Uni<Void> append(QueueChange change, String actor) {
        return change == null ? Uni.createFrom().voidItem() : appendAll(List.of(change), actor);
    }

    /** Appends changes made by one actor in the current transaction with one statement (a batch of triage decisions). */
    public Uni<Void> appendAll(List<QueueChange> changes, String actor) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = TriageBatchWrites.rows(INSERT, changes.size(), 12, "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            int p = 1;
            for (QueueChange c : changes) {
                query.setParameter(p++, c.change())
                        .setParameter(p++, c.itemId())
                        .setParameter(p++, c.threadId())
                        .setParameter(p++, c.careTeam())
                        .setParameter(p++, c.queue())
                        .setParameter(p++, c.urgency().name())
                        .setParameter(p++, c.priority())
                        .setParameter(p++, c.dueAt())
                        .setParameter(p++, c.status().name())
                        .setParameter(p++, c.assignee())
                        .setParameter(p++, actor)
                        .setParameter(p++, c.at());
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** Committed changes after {@code seq} (of the given care teams; null: all), oldest first, at most {@code limit}. */
    public Uni<List<StreamedChange>> after(Set<String> careTeams, long seq, int limit) {
        if (careTeams == null) {
            return pool.preparedQuery("select queue_change_json(q) from queue_change q where seq > $1 order by seq limit $2")
                    .execute(Tuple.of(seq, limit)).map(this::decodeRows);
        }
        return pool.preparedQuery("select queue_change_json(q) from queue_change q where seq > $1 and care_team = any($2) "
                        + "order by seq limit $3")
                .execute(Tuple.of(seq, careTeams.toArray(new String[0]), limit)).map(this::decodeRows);
    }

    /** The oldest id still in the log (null when empty) and the newest id handed out so far. */
    public Uni<Bounds> bounds() {
        return pool.query("select (select min(seq) from queue_change), "
                        + "(select case when is_called then last_value else 0 end from queue_change_seq)")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Bounds(row.getLong(0), row.getLong(1));
                });
    }

    /** Deletes changes logged before {@code before}; returns how many. */
    public Uni<Integer> deleteOlderThan(Instant before) {
        return pool.preparedQuery("delete from queue_change where logged_at < $1")
                .execute(Tuple.of(before.atOffset(java.time.ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    @Scheduled(every = "${careline.triage.stream.cleanup-every:10m}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanUp() {
        return deleteOlderThan(Instant.now().minus(config.stream().retention()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("queue change log: %d changes older than %s deleted", deleted, config.stream().retention());
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("queue change log cleanup failed: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** A change as {@code queue_change_json} (the trigger's NOTIFY payload and the replay's rows) writes it. */
    public StreamedChange decode(String payload) {
        try {
            return json.readValue(payload, StreamedChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("queue change payload not readable: " + e.getOriginalMessage(), e);
        }
    }

    private List<StreamedChange> decodeRows(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<StreamedChange> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(decode(row.getString(0)));
        }
        return list;
    }
}
