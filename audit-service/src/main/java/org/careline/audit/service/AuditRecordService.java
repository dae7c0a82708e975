package org.careline.audit.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.mapping.AuditRecordMapper;
import org.careline.audit.repository.AuditChainRepository;
import org.careline.events.AccessRecorded;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;

import java.time.Clock;

/**
 * Appends incoming audit records to their partition's hash chain, once per event id. Per chain, one writer at a
 * time (a transaction-scoped advisory lock on the chain id), so the chain stays gap-free and ordered even when
 * a partition briefly has two consumers during a rebalance. A redelivered event id stores nothing.
 */
@ApplicationScoped
public class AuditRecordService {

    private final Pool pool;
    private final AuditChainRepository chains;
    private final AccessRecordedSchema schema;
    private final AuditRecordMapper mapper;
    private final EventCodec codec;
    private final AuditConfig config;
    private final Clock clock;

    public AuditRecordService(Pool pool, AuditChainRepository chains, AccessRecordedSchema schema,
                              AuditRecordMapper mapper, EventCodec codec, AuditConfig config, Clock clock) {
        this.pool = pool;
        this.chains = chains;
        this.schema = schema;
        this.mapper = mapper;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores an {@code access-recorded} event.
     *
     * @param rawEvent the Kafka record value as received (hashed and kept)
     * @param position where it was read in Kafka; null when it did not come through Kafka
     * @return true when stored, false when this event id was stored before
     * @throws MalformedEventException when the payload breaks its schema (never retried)
     */
    public Uni<Boolean> store(CloudEvent event, String rawEvent, KafkaPosition position) {
        schema.check(event);
        AccessRecorded payload = codec.data(event, EventType.ACCESS_RECORDED, AccessRecorded.class);
        // A database failure is retried (a fresh transaction each time, and the record gets its chain position
        // again) so that a short outage does not send good audit records to the dead-letter topic.
        return Uni.createFrom().deferred(() -> pool.withTransaction(db -> append(db,
                        mapper.toRecord(event, payload, rawEvent, position, clock.instant()))))
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

    private Uni<Boolean> append(SqlConnection db, AuditRecord record) {
        return chains.lockChain(db, record.chainId)
                .chain(() -> chains.exists(db, record.eventId))
                .chain(stored -> stored ? Uni.createFrom().item(false) : chains.next(db, record.chainId)
                        .chain(next -> {
                            record.chainSeq = next.seq();
                            record.prevHash = next.prevHash();
                            record.recordHash = RecordHasher.hash(record);
                            return chains.insert(db, record).replaceWith(true);
                        }));
    }
}
