package org.careline.reliability;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Exact counts, read-only, from each service's own database on the stack's PostgreSQL: for every thread a
 * scenario stored (found by its subject tag), one patient message in messaging, one triage decision and one
 * queue item in triage, one link to an episode awaiting review in billing, one CREATE record in audit; and
 * nothing more than one of any of them.
 */
final class Reconciler {

    /** What the databases hold for one scenario's threads. */
    record Counts(int stored, int unacknowledged, int missing, int triaged, int queued, int billed, int audited,
                  int duplicates, int unpublished, List<String> problems) {

        /** Every stored thread went through every service exactly once, and every outbox is empty. */
        boolean complete() {
            return missing == 0 && duplicates == 0 && unpublished == 0 && triaged == stored && queued == stored
                    && billed == stored && audited == stored;
        }
    }

    private final Function<String, String> jdbcUrl;

    Reconciler(Function<String, String> jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Counts count(String tagPrefix, Set<String> acceptedIds) {
        try {
            List<String> problems = new ArrayList<>();
            int duplicates = 0;

            // messaging: threads by tag (a tag twice is a POST stored twice), and each one's patient messages
            Map<String, String> threads = new HashMap<>();
            Map<String, Integer> patientMessages;
            int unpublished;
            try (Connection db = open("messaging")) {
                Map<String, Integer> perTag = new HashMap<>();
                try (PreparedStatement query = db.prepareStatement(
                        "select id::text, subject from message_thread where subject like ?")) {
                    query.setString(1, tagPrefix + "%");
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            threads.put(rows.getString(1), rows.getString(2));
                            perTag.merge(rows.getString(2), 1, Integer::sum);
                        }
                    }
                }
                duplicates += excess(perTag, "thread stored twice for tag", problems);
                patientMessages = countBy(db, "select thread_id::text, count(*) from message where thread_id = any(?) "
                        + "and author_role = 'PATIENT' group by 1", uuids(db, threads.keySet()));
                unpublished = unpublished(db);
            }
            duplicates += excess(patientMessages, "patient messages in thread", problems);

            Map<String, Integer> decisions;
            Map<String, Integer> queueItems;
            try (Connection db = open("triage")) {
                Array ids = uuids(db, threads.keySet());
                decisions = countBy(db, "select thread_id::text, count(*) from triage_decision where thread_id = any(?) group by 1", ids);
                queueItems = countBy(db, "select thread_id::text, count(*) from queue_item where thread_id = any(?) group by 1", ids);
                unpublished += unpublished(db);
            }
            duplicates += excess(decisions, "triage decisions for thread", problems);
            duplicates += excess(queueItems, "queue items for thread", problems);

            Map<String, Integer> episodeLinks;
            Map<String, Integer> awaitingReview;
            try (Connection db = open("billing")) {
                Array ids = uuids(db, threads.keySet());
                episodeLinks = countBy(db, "select thread_id::text, count(*) from episode_thread where thread_id = any(?) group by 1", ids);
                awaitingReview = countBy(db, "select t.thread_id::text, count(*) from episode_thread t join episode e "
                        + "on e.id = t.episode_id where t.thread_id = any(?) and e.status = 'AWAITING_REVIEW' group by 1", ids);
                unpublished += unpublished(db);
            }
            duplicates += excess(episodeLinks, "episode links for thread", problems);

            Map<String, Integer> created;
            try (Connection db = open("audit")) {
                created = countBy(db, "select resource_id, count(*) from audit_record where action = 'CREATE' "
                        + "and resource_id = any(?) group by 1", db.createArrayOf("varchar", threads.keySet().toArray()));
            }
            duplicates += excess(created, "audit CREATE records for thread", problems);

            int missing = 0;
            for (String id : acceptedIds) {
                if (!threads.containsKey(id)) {
                    missing++;
                    note(problems, "accepted thread " + id + " not stored");
                }
            }
            int unacknowledged = 0;
            for (String id : threads.keySet()) {
                if (!acceptedIds.contains(id)) {
                    unacknowledged++;
                }
                if (patientMessages.getOrDefault(id, 0) == 0) {
                    note(problems, "thread " + id + " has no patient message");
                }
            }
            int triaged = present(threads.keySet(), decisions, "no triage decision", problems);
            int queued = present(threads.keySet(), queueItems, "no queue item", problems);
            int billed = present(threads.keySet(), awaitingReview, "no episode awaiting review", problems);
            int audited = present(threads.keySet(), created, "no audit CREATE record", problems);
            return new Counts(threads.size(), unacknowledged, missing, triaged, queued, billed, audited, duplicates,
                    unpublished, problems);
        } catch (SQLException e) {
            throw new IllegalStateException("reconciliation query failed: " + e.getMessage(), e);
        }
    }

    /** Triage decisions stored for these threads (the outbox scenario expects none before messaging restarts). */
    int triageDecisions(Set<String> threadIds) {
        try (Connection db = open("triage")) {
            return countBy(db, "select thread_id::text, count(*) from triage_decision where thread_id = any(?) group by 1",
                    uuids(db, threadIds)).values().stream().mapToInt(Integer::intValue).sum();
        } catch (SQLException e) {
            throw new IllegalStateException("triage query failed: " + e.getMessage(), e);
        }
    }

    /** Threads of these ids committed in messaging with their thread-opened event still unpublished. */
    int committedUnpublished(Set<String> threadIds) {
        try (Connection db = open("messaging");
             PreparedStatement query = db.prepareStatement("select count(distinct t.id) from message_thread t join outbox_event o "
                     + "on o.record_key = t.id::text where t.id = any(?) and o.published_at is null "
                     + "and o.event_type = 'careline.messaging.thread-opened.v1'")) {
            query.setArray(1, uuids(db, threadIds));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox query failed: " + e.getMessage(), e);
        }
    }

    private Connection open(String database) throws SQLException {
        // each service's own database and role (user = password = database name on the local stack)
        Connection db = DriverManager.getConnection(jdbcUrl.apply(database), database, database);
        db.setReadOnly(true);
        return db;
    }

    private static int unpublished(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select count(*) from outbox_event where published_at is null");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Array uuids(Connection db, Set<String> ids) throws SQLException {
        return db.createArrayOf("uuid", ids.toArray());
    }

    private static Map<String, Integer> countBy(Connection db, String sql, Array ids) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static int excess(Map<String, Integer> counts, String what, List<String> problems) {
        int excess = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > 1) {
                excess += entry.getValue() - 1;
                note(problems, entry.getValue() + " " + what + " " + entry.getKey());
            }
        }
        return excess;
    }

    private static int present(Set<String> ids, Map<String, Integer> counts, String what, List<String> problems) {
        int present = 0;
        for (String id : new HashSet<>(ids)) {
            if (counts.getOrDefault(id, 0) > 0) {
                present++;
            } else {
                note(problems, "thread " + id + ": " + what);
            }
        }
        return present;
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }
}
