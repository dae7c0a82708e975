package org.careline.billing;

import org.careline.testsupport.TestDatabase;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Direct SQL against the test database: seeds episodes and reads the outbox, for resource tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** An episode covering one new thread; returns the episode id. */
    static UUID episode(String patientId, String status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        execute("insert into episode (id, patient_id, care_team, billing_group, status, total_minutes, created_at,"
                        + " updated_at) values (?, ?, 'family-medicine', 'family-medicine', ?, 0, ?, ?)",
                id, patientId, status, Timestamp.from(createdAt), Timestamp.from(createdAt));
        execute("insert into episode_thread (id, thread_id, episode_id, topic, thread_opened_at)"
                        + " values (?, ?, ?, 'OTHER', ?)", UUID.randomUUID(), UUID.randomUUID(), id,
                Timestamp.from(createdAt));
        return id;
    }

    /** Action, outcome and patient id of each audit event written to the outbox about a subject. */
    static List<String> audits(String subject) {
        return TestDatabase.auditedAccesses(subject).stream()
                .map(a -> a.action() + " " + a.outcome() + " " + a.patientId())
                .toList();
    }

    /** The EHR's established-patient status, written directly. */
    static void established(String patientId, boolean established) {
        execute("insert into patient_status (patient_id, established, reported_by, updated_at) values (?, ?, 'test', now())"
                + " on conflict (patient_id) do update set established = excluded.established", patientId, established);
    }

    /** A consent recorded at {@code at}. */
    static void consent(String patientId, Instant at) {
        execute("insert into consent (id, patient_id, text_version, recorded_by, recorder_role, recorded_at)"
                + " values (?, ?, 'v1', 'test', 'patient', ?)", UUID.randomUUID(), patientId, Timestamp.from(at));
    }

    /** A caregiver's proxy grant as billing keeps it (what the consumer stores); revokedAt may be null. */
    static void caregiverGrant(String caregiver, String patientId, String scope, Instant expiresAt, Instant revokedAt) {
        execute("insert into caregiver_grant (grant_id, caregiver, patient_id, scope, expires_at, revoked_at, changed_at)"
                        + " values (?, ?, ?, ?, ?, ?, now())", UUID.randomUUID().toString(), caregiver, patientId, scope,
                Timestamp.from(expiresAt), revokedAt == null ? null : Timestamp.from(revokedAt));
    }

    /** The single number a query answers. */
    static long count(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    /** The single text a query answers. */
    static String text(String sql, Object... params) {
        return (String) single(sql, params);
    }

    private static Object single(String sql, Object... params) {
        try (java.sql.Connection c = TestDatabase.connect(); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(String sql, Object... params) {
        TestDatabase.execute(sql, params);
    }
}
