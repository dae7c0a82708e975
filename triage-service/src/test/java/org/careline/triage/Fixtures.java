package org.careline.triage;

import org.careline.events.AccessRecorded;
import org.careline.testsupport.TestDatabase;

import java.sql.Timestamp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Direct SQL against the test database: seeds triage rows and reads the outbox, for resource tests. */
final class Fixtures {

    private Fixtures() {
    }

    static void decision(UUID threadId, String messageId, String patientId, String careTeam, String urgency,
                         String category, Instant decidedAt) {
        execute("insert into triage_decision (id, thread_id, message_id, patient_id, care_team, urgency, category,"
                        + " confidence, explanation, rules_version, decided_at) values (?, ?, ?, ?, ?, ?, ?, 0.8,"
                        + " 'seeded by a test', 'test-rules', ?)",
                UUID.randomUUID(), threadId, messageId, patientId, careTeam, urgency, category, Timestamp.from(decidedAt));
    }

    static void openItem(UUID threadId, String patientId, String careTeam, String queue, String urgency,
                         String lastMessageId, Instant at) {
        execute("insert into queue_item (id, thread_id, patient_id, care_team, queue, urgency, priority, due_at, status,"
                        + " last_message_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 2, ?, 'OPEN', ?, ?, ?)",
                UUID.randomUUID(), threadId, patientId, careTeam, queue, urgency,
                Timestamp.from(at.plusSeconds(3600)), lastMessageId, Timestamp.from(at), Timestamp.from(at));
    }

    /** An open item with a chosen id, urgency, priority and due time. */
    static UUID item(UUID threadId, String careTeam, String queue, String urgency, int priority, Instant dueAt,
                     String lastMessageId) {
        UUID id = UUID.randomUUID();
        Instant created = dueAt.minusSeconds(7200);
        execute("insert into queue_item (id, thread_id, patient_id, care_team, queue, urgency, priority, due_at, status,"
                        + " last_message_id, created_at, updated_at) values (?, ?, 'P-1001', ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)",
                id, threadId, careTeam, queue, urgency, priority, Timestamp.from(dueAt), lastMessageId,
                Timestamp.from(created), Timestamp.from(created));
        return id;
    }

    /** How many queue items (open or not) a thread has. */
    static int queueItems(UUID threadId) {
        try (var c = TestDatabase.connect();
             var s = c.prepareStatement("select count(*) from queue_item where thread_id = ?")) {
            s.setObject(1, threadId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many events of a type the service wrote to its outbox about a thread (the partition key). */
    static int outboxEvents(String eventType, String key) {
        try (var c = TestDatabase.connect();
             var s = c.prepareStatement("select count(*) from outbox_event where event_type = ? and record_key = ?")) {
            s.setString(1, eventType);
            s.setString(2, key);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcomes of the audit events written to the outbox about a resource, oldest first. */
    static List<String> auditOutcomes(String subject) {
        return TestDatabase.auditedAccesses(subject).stream().map(a -> a.outcome().name()).toList();
    }

    /** The patient id of the newest audit event about a resource. */
    static String auditedPatient(String subject) {
        List<AccessRecorded> audits = TestDatabase.auditedAccesses(subject);
        return audits.isEmpty() ? null : audits.get(audits.size() - 1).patientId();
    }

    private static void execute(String sql, Object... params) {
        TestDatabase.execute(sql, params);
    }
}
