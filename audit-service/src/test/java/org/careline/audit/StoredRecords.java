package org.careline.audit;

import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Reads a stored record over JDBC, as an attacker recomputing hashes would. */
final class StoredRecords {

    private StoredRecords() {
    }

    static AuditRecord load(Connection db, long id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select * from audit_record where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no record " + id);
                }
                AuditRecord r = new AuditRecord();
                r.id = row.getLong("id");
                r.eventId = row.getString("event_id");
                r.eventSource = row.getString("event_source");
                r.eventType = row.getString("event_type");
                r.sourceService = row.getString("source_service");
                r.userId = row.getString("user_id");
                r.username = row.getString("username");
                r.role = row.getString("role");
                r.clientId = row.getString("client_id");
                r.sourceAddress = row.getString("source_address");
                r.action = AuditAction.valueOf(row.getString("action"));
                r.resourceType = row.getString("resource_type");
                r.resourceId = row.getString("resource_id");
                r.patientId = row.getString("patient_id");
                r.purposeOfUse = row.getString("purpose_of_use");
                r.outcome = AuditOutcome.valueOf(row.getString("outcome"));
                r.requestId = row.getString("request_id");
                r.occurredAt = row.getObject("occurred_at", OffsetDateTime.class).toInstant();
                r.receivedAt = row.getObject("received_at", OffsetDateTime.class).toInstant();
                r.kafkaTopic = row.getString("kafka_topic");
                r.kafkaPartition = (Integer) row.getObject("kafka_partition");
                r.kafkaOffset = (Long) row.getObject("kafka_offset");
                r.rawEvent = row.getString("raw_event");
                r.chainId = row.getString("chain_id");
                r.chainSeq = row.getLong("chain_seq");
                r.prevHash = row.getString("prev_hash");
                r.recordHash = row.getString("record_hash");
                return r;
            }
        }
    }
}
