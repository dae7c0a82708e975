package org.careline.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One stored access to patient data. Append-only: Hibernate never updates it ({@link Immutable}) and
 * the database rejects UPDATE, DELETE and TRUNCATE (see {@code V1__audit_record.sql}, {@code V2}). Rows are
 * appended to their hash chain by {@link org.careline.audit.service.AuditRecordService#store}.
 */
@Entity
@Immutable
@Table(name = "audit_record")
public class AuditRecord {

    /** Store order, assigned by the database. */
    @Id
    public Long id;

    /** The CloudEvent id; unique. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_source", nullable = false)
    public String eventSource;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "source_service", nullable = false)
    public String sourceService;

    @Column(name = "user_id", nullable = false)
    public String userId;

    public String username;

    public String role;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "source_address")
    public String sourceAddress;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "purpose_of_use")
    public String purposeOfUse;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditOutcome outcome;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "kafka_topic")
    public String kafkaTopic;

    @Column(name = "kafka_partition")
    public Integer kafkaPartition;

    @Column(name = "kafka_offset")
    public Long kafkaOffset;

    /** The chain this record belongs to: {@code <kafka topic>/<partition>}. */
    @Column(name = "chain_id")
    public String chainId;

    /** Its position in the chain, from 1, without gaps. */
    @Column(name = "chain_seq")
    public Long chainSeq;

    /** The previous record's {@link #recordHash} (64 zeros for the first record of a chain). */
    @Column(name = "prev_hash")
    public String prevHash;

    /** SHA-256 (hex) over the canonical form: see {@code RecordHasher}. */
    @Column(name = "record_hash")
    public String recordHash;

    /** The Kafka record value as received: never logged, not exposed by the query API. */
    @Column(name = "raw_event", nullable = false)
    public String rawEvent;

    @Override
    public String toString() {
        return "AuditRecord[id=" + id + ", eventId=" + eventId + "]";
    }
}
