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
