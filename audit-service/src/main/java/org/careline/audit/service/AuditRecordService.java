package org.careline.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.mapping.AuditRecordMapper;
import org.careline.audit.repository.AuditRecordRepository;
import org.careline.events.AccessRecorded;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;

import java.time.Clock;

/**
 * Appends incoming audit records to the store, once per event id. The unique event id in
 * {@code audit_record} itself makes redelivery harmless, so no separate inbox row is needed.
 */
@ApplicationScoped
public class AuditRecordService {

    private final AuditRecordRepository records;
    private final AccessRecordedSchema schema;
    private final AuditRecordMapper mapper;
    private final EventCodec codec;
    private final AuditConfig config;
    private final Clock clock;

    public AuditRecordService(AuditRecordRepository records, AccessRecordedSchema schema, AuditRecordMapper mapper,
                              EventCodec codec, AuditConfig config, Clock clock) {
        this.records = records;
        this.schema = schema;
        this.mapper = mapper;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores an {@code access-recorded} event.
     *
     * @param rawEvent the Kafka record value as received, kept for the later hash chain
     * @param position where it was read in Kafka; null when it did not come through Kafka
     * @return true when stored, false when this event id was stored before
     * @throws MalformedEventException when the payload breaks its schema (never retried)
     */
    public Uni<Boolean> store(CloudEvent event, String rawEvent, KafkaPosition position) {
        schema.check(event);
        AccessRecorded payload = codec.data(event, EventType.ACCESS_RECORDED, AccessRecorded.class);
        AuditRecord record = mapper.toRecord(event, payload, rawEvent, position, clock.instant());
        // A database failure is retried (a fresh transaction each time) so that a short outage does not
        // send good audit records to the dead-letter topic; the partition waits meanwhile.
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> records.insertOnce(record)))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry().withBackOff(config.storeRetryBackoff(), config.storeRetryBackoff().multipliedBy(10))
                .atMost(config.storeRetries())
                .invoke(stored -> {
                    if (stored) {
                        Log.debugf("stored audit event %s from %s", event.id(), position);
                    } else {
                        Log.debugf("audit event %s was stored before; redelivery ignored", event.id());
                    }
                });
    }
}
