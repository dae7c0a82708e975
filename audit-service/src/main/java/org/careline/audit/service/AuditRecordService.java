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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends incoming audit records to their partition's hash chain, once per event id, a consumed batch per
 * transaction. Per chain, one writer at a time (a transaction-scoped advisory lock on the chain id), so the chain
 * stays gap-free and ordered even when a partition briefly has two consumers during a rebalance. A redelivered
 * event id stores nothing.
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
     * Stores one consumed batch in one transaction: parses and checks every record first (the malformed ones are
     * returned as rejected, for the dead-letter topic, and do not hold up the rest), drops event ids seen earlier
     * in the batch, then appends the rest to their partitions' chains in offset order (see {@link #append}).
     * A database failure is retried (a fresh transaction each time, the records get their chain positions again)
     * so that a short outage does not send good audit records to the dead-letter topic.
     *
     * @return what was stored, skipped and rejected; fails only when the database still fails after the retries
     */
    public Uni<BatchOutcome> storeBatch(List<ReceivedRecord> batch) {
        Instant receivedAt = clock.instant();
        List<BatchOutcome.Rejected> rejected = new ArrayList<>();
        List<AuditRecord> records = new ArrayList<>(batch.size());
        Set<String> eventIds = new HashSet<>();
        int ignored = 0;
        int duplicates = 0;
        for (ReceivedRecord received : batch) {
            try {
                if (received.value() == null) {
                    throw new MalformedEventException("record has no value");
                }
                CloudEvent event = codec.read(received.value());
                if (!EventType.ACCESS_RECORDED.type().equals(event.type())) {
                    ignored++;                                     // other event types on the topic: not ours
                    continue;
                }
                schema.check(event);
                AccessRecorded payload = codec.data(event, EventType.ACCESS_RECORDED, AccessRecorded.class);
                if (!eventIds.add(event.id())) {
                    duplicates++;                                  // redelivered within the batch
                    continue;
                }
                records.add(mapper.toRecord(event, payload, received.value(), received.position(), receivedAt));
            } catch (MalformedEventException e) {
                rejected.add(new BatchOutcome.Rejected(received, e.getMessage()));   // its messages name ids only
            } catch (RuntimeException e) {
                rejected.add(new BatchOutcome.Rejected(received, "invalid record (" + e.getClass().getSimpleName() + ")"));
            }
        }
        int skippedInBatch = duplicates;
        int ignoredOfOtherTypes = ignored;
        return appendWithRetries(records).map(stored -> {
            BatchOutcome outcome = new BatchOutcome(stored, skippedInBatch + records.size() - stored,
                    ignoredOfOtherTypes, List.copyOf(rejected));
            Log.debugf("audit batch of %d: %d stored, %d duplicates, %d ignored, %d rejected", batch.size(),
                    outcome.stored(), outcome.duplicates(), outcome.ignored(), rejected.size());
            return outcome;
        });
    }

    /**
     * Stores one {@code access-recorded} event (a batch of one).
     *
     * @param rawEvent the Kafka record value as received (hashed and kept)
     * @param position where it was read in Kafka; null when it did not come through Kafka
     * @return true when stored, false when this event id was stored before
     * @throws MalformedEventException when the payload breaks its schema (never retried)
     */
    public Uni<Boolean> store(CloudEvent event, String rawEvent, KafkaPosition position) {
        schema.check(event);
        AccessRecorded payload = codec.data(event, EventType.ACCESS_RECORDED, AccessRecorded.class);
        AuditRecord record = mapper.toRecord(event, payload, rawEvent, position, clock.instant());
        return appendWithRetries(List.of(record)).map(stored -> stored == 1);
    }

    private Uni<Integer> appendWithRetries(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.createFrom().deferred(() -> pool.withTransaction(db -> append(db, records)))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry().withBackOff(config.storeRetryBackoff(), config.storeRetryBackoff().multipliedBy(10))
                .atMost(config.storeRetries());
    }

    /**
     * Appends records in one transaction: locks their chains (sorted, so writers of overlapping chains cannot
     * deadlock), skips the event ids already stored (one query), reads where each chain continues, computes the
     * positions and hashes in memory in Kafka offset order, and inserts them with multi-row statements. Each chain
     * has one writer at a time, so it stays gap-free even when a partition briefly has two consumers.
     *
     * @return how many records were stored
     */
    private Uni<Integer> append(SqlConnection db, List<AuditRecord> records) {
        Map<String, List<AuditRecord>> byChain = new TreeMap<>();
        for (AuditRecord record : records) {
            byChain.computeIfAbsent(record.chainId, chain -> new ArrayList<>()).add(record);
        }
        return chains.lockChains(db, byChain.keySet())
                .chain(() -> chains.storedEventIds(db, records.stream().map(r -> r.eventId).toList()))
                .chain(stored -> {
                    Map<String, List<AuditRecord>> fresh = new TreeMap<>();
                    byChain.forEach((chain, list) -> {
                        List<AuditRecord> left = list.stream().filter(r -> !stored.contains(r.eventId))
                                .sorted(Comparator.comparing(r -> r.kafkaOffset,
                                        Comparator.nullsLast(Comparator.naturalOrder())))
                                .toList();
                        if (!left.isEmpty()) {
                            fresh.put(chain, left);
                        }
                    });
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return chains.nextOfEach(db, fresh.keySet()).chain(next -> {
                        List<AuditRecord> ordered = new ArrayList<>();
                        fresh.forEach((chain, list) -> {
                            ChainPosition position = next.get(chain);
                            long seq = position.seq();
                            String prevHash = position.prevHash();
                            for (AuditRecord record : list) {
                                record.chainSeq = seq++;
                                record.prevHash = prevHash;
                                record.recordHash = RecordHasher.hash(record);
                                prevHash = record.recordHash;
                                ordered.add(record);
                            }
                        });
                        return chains.insertAll(db, ordered).replaceWith(ordered.size());
                    });
                });
    }
}
