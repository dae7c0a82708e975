package org.careline.bench.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Read-only queries on the stack's databases (each service's own database and role; on the local stack user =
 * password = database name), the same counts the fault suite's reconciler makes (reliability/), over every id
 * of a run, with the services' timestamps.
 */
public final class StackDatabases {

    private final String jdbcBase;

    /** {@code jdbcBase}: e.g. {@code jdbc:postgresql://127.0.0.1:17432/}; the database name is appended. */
    public StackDatabases(String jdbcBase) {
        this.jdbcBase = jdbcBase;
    }

    public Connection open(String database, boolean readOnly) throws SQLException {
        Connection db = DriverManager.getConnection(jdbcBase + database, database, database);
        db.setReadOnly(readOnly);
        return db;
    }

    /**
     * Everything the ledger needs for these accepted threads and replied-to threads; {@code patientPrefix} and the
     * window find threads stored but never acknowledged to the client (e.g. after a gateway timeout).
     */
    public Ledger.Facts facts(Collection<String> threads, Collection<String> repliedThreads, String patientPrefix,
                              Instant windowStart, Instant windowEnd) {
        try {
            Map<String, Instant> created = new HashMap<>();
            Set<String> inWindow = new HashSet<>();
            Map<String, Integer> patientMessages;
            Map<String, Ledger.Stamp> replies = new HashMap<>();
            Map<String, String> replyIds = new HashMap<>();
            try (Connection db = open("messaging", true)) {
                Array ids = db.createArrayOf("uuid", threads.toArray());
                try (PreparedStatement q = db.prepareStatement("select id::text, created_at from message_thread where id = any(?)")) {
                    q.setArray(1, ids);
                    try (ResultSet rows = q.executeQuery()) {
                        while (rows.next()) {
                            created.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                        }
                    }
                }
                try (PreparedStatement q = db.prepareStatement("select id::text from message_thread where patient_id like ? "
                        + "and created_at >= ? and created_at <= ?")) {
                    q.setString(1, patientPrefix + "%");
                    q.setTimestamp(2, Timestamp.from(windowStart));
                    q.setTimestamp(3, Timestamp.from(windowEnd));
                    try (ResultSet rows = q.executeQuery()) {
                        while (rows.next()) {
                            inWindow.add(rows.getString(1));
                        }
                    }
                }
                patientMessages = counts(db, "select thread_id::text, count(*), min(posted_at) from message where thread_id = any(?) "
                        + "and author_role = 'PATIENT' group by 1", ids).entrySet().stream()
                        .collect(HashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().count()), HashMap::putAll);
                try (PreparedStatement q = db.prepareStatement("select thread_id::text, id::text, posted_at from message "
                        + "where thread_id = any(?) and time_spent_minutes is not null order by posted_at")) {
                    q.setArray(1, db.createArrayOf("uuid", repliedThreads.toArray()));
                    try (ResultSet rows = q.executeQuery()) {
                        while (rows.next()) {
                            String thread = rows.getString(1);
                            Instant at = rows.getTimestamp(3).toInstant();
                            replies.merge(thread, new Ledger.Stamp(1, at), (a, b) -> new Ledger.Stamp(a.count() + 1, a.first()));
                            replyIds.putIfAbsent(thread, rows.getString(2));
                        }
                    }
                }
            }
            Map<String, Ledger.Stamp> decisions;
            Map<String, Ledger.Stamp> queueItems;
            try (Connection db = open("triage", true)) {
                Array ids = db.createArrayOf("uuid", threads.toArray());
                decisions = counts(db, "select thread_id::text, count(*), min(decided_at) from triage_decision where thread_id = any(?) group by 1", ids);
                queueItems = counts(db, "select thread_id::text, count(*), min(created_at) from queue_item where thread_id = any(?) group by 1", ids);
            }
            Map<String, Ledger.Stamp> audits;
            try (Connection db = open("audit", true)) {
                audits = counts(db, "select resource_id, count(*), min(received_at) from audit_record where action = 'CREATE' "
                        + "and resource_id = any(?) group by 1", db.createArrayOf("varchar", threads.toArray()));
            }
            Map<String, Ledger.Stamp> entries;
            try (Connection db = open("billing", true)) {
                entries = counts(db, "select message_id, count(*), min(received_at) from time_entry where message_id = any(?) group by 1",
                        db.createArrayOf("varchar", replyIds.values().toArray()));
            }
            return new Ledger.Facts(created, inWindow, patientMessages, decisions, queueItems, audits, replies, replyIds, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger query failed (is the stack's PostgreSQL at " + jdbcBase + "?): " + e.getMessage(), e);
        }
    }

    /** thread id -> when its (first) queue item was created, for the threads that have one. */
    public Map<String, Instant> firstQueued(Collection<String> threads) {
        Map<String, Instant> out = new HashMap<>();
        try (Connection db = open("triage", true)) {
            counts(db, "select thread_id::text, count(*), min(created_at) from queue_item where thread_id = any(?) group by 1",
                    db.createArrayOf("uuid", threads.toArray())).forEach((k, v) -> out.put(k, v.first()));
        } catch (SQLException e) {
            throw new IllegalStateException("queue query failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, Ledger.Stamp> counts(Connection db, String sql, Array ids) throws SQLException {
        Map<String, Ledger.Stamp> out = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setArray(1, ids);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), new Ledger.Stamp(rows.getInt(2), rows.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }
}
