package org.careline.audit.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.rest.AuditEventPage;
import org.careline.audit.rest.AuditEventResponse;
import org.careline.audit.service.AuditPage;
import org.careline.audit.service.KafkaPosition;
import org.careline.audit.service.RecordHasher;
import org.careline.events.AccessRecorded;
import org.careline.events.CloudEvent;

import java.time.Instant;

/** Maps incoming events to stored records and stored records to the API's records, in one place. */
@ApplicationScoped
public class AuditRecordMapper {

    public AuditRecord toRecord(CloudEvent event, AccessRecorded payload, String rawEvent, KafkaPosition position,
                                Instant receivedAt) {
        AuditRecord r = new AuditRecord();
        r.eventId = event.id();
        r.eventSource = event.source() != null ? event.source() : "unknown";
        r.eventType = event.type();
        r.sourceService = payload.service();
        r.userId = payload.userId();
        r.username = payload.username();
        r.role = payload.role();
        r.clientId = payload.clientId();
        r.sourceAddress = payload.sourceAddress();
        r.action = payload.action();
        r.resourceType = payload.resourceType();
        r.resourceId = payload.resourceId();
        r.patientId = payload.patientId();
        r.purposeOfUse = payload.purposeOfUse();
        r.outcome = payload.outcome();
        r.requestId = payload.requestId();
        r.occurredAt = RecordHasher.micros(payload.occurredAt());
        r.receivedAt = RecordHasher.micros(receivedAt);
        if (position != null) {
            r.kafkaTopic = position.topic();
            r.kafkaPartition = position.partition();
            r.kafkaOffset = position.offset();
        }
        r.chainId = position != null ? position.chainId() : KafkaPosition.UNPARTITIONED;
        r.rawEvent = rawEvent;
        return r;
    }

    public AuditEventResponse toResponse(AuditRecord r) {
        return new AuditEventResponse(r.eventId, r.sourceService, r.userId, r.username, r.role, r.clientId,
                r.sourceAddress, r.action, r.resourceType, r.resourceId, r.patientId, r.purposeOfUse, r.outcome,
                r.requestId, r.occurredAt, r.receivedAt);
    }

    public AuditEventPage toResponse(AuditPage page) {
        return new AuditEventPage(page.records().stream().map(this::toResponse).toList(),
                page.next() != null ? page.next().encode() : null);
    }
}
