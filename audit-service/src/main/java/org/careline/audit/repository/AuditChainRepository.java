package org.careline.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.service.ChainPosition;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hash chains in SQL, on a connection the caller holds in a transaction. Plain SQL on the reactive
 * client rather than Hibernate: the chain code needs exact statements (advisory lock, ordered reads).
 */
@ApplicationScoped
public class AuditChainRepository {

    static final String COLUMNS = "id, event_id, event_source, event_type, source_service, user_id, username, role,"
            + " client_id, source_address, action, resource_type, resource_id, patient_id, purpose_of_use, outcome,"
            + " request_id, occurred_at, received_at, kafka_topic, kafka_partition, kafka_offset, raw_event,"
            + " chain_id, chain_seq, prev_hash, record_hash";

    /** Rows per multi-row insert: 26 parameters each, well under PostgreSQL's 65,535 bind parameters. */
    static final int INSERT_CHUNK = 500;

    private static final String INSERT_HEAD = "insert into audit_record (event_id, event_source, event_type,"
            + " source_service, user_id, username, role, client_id, source_address, action, resource_type, resource_id,"
            + " patient_id, purpose_of_use, outcome, request_id, occurred_at, received_at, kafka_topic, kafka_partition,"
            + " kafka_offset, raw_event, chain_id, chain_seq, prev_hash, record_hash) values ";
    private static final int INSERT_PARAMS = 26;

    /**
     * Locks several chains for this transaction, always in the same (sorted) order so that two writers of
     * overlapping chain sets cannot deadlock. One statement whatever the number of chains.
     */
    public Uni<Void> lockChains(SqlConnection db, Collection<String> chainIds) {
        String[] sorted = new TreeSet<>(chainIds).toArray(String[]::new);
        if (sorted.length == 1) {
            return lockChain(db, sorted[0]);
        }
        // a function scan of unnest yields the array in order: the locks are taken in that order
        return db.preparedQuery("select pg_advisory_xact_lock(hashtextextended(c, 0))::text from unnest($1::text[]) as c")
                .execute(Tuple.tuple().addArrayOfString(sorted)).replaceWithVoid();
    }

    /** Which of these event ids are stored already: one query for a whole batch. */
    public Uni<Set<String>> storedEventIds(SqlConnection db, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return db.preparedQuery("select event_id from audit_record where event_id = any($1::text[])")
                .execute(Tuple.tuple().addArrayOfString(eventIds.toArray(String[]::new)))
                .map(rows -> new HashSet<>(strings(rows)));
    }

    /** Where each chain continues (see {@link #next}), for the chains of one batch. */
    public Uni<Map<String, ChainPosition>> nextOfEach(SqlConnection db, Collection<String> chainIds) {
        Map<String, ChainPosition> positions = new HashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String chainId : new TreeSet<>(chainIds)) {
            all = all.chain(() -> next(db, chainId).invoke(position -> positions.put(chainId, position)))
                    .replaceWithVoid();
        }
        return all.replaceWith(positions);
    }

    /** Inserts records with multi-row statements ({@value #INSERT_CHUNK} rows each), in list order. */
    public Uni<Void> insertAll(SqlConnection db, List<AuditRecord> records) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int from = 0; from < records.size(); from += INSERT_CHUNK) {
            List<AuditRecord> chunk = records.subList(from, Math.min(records.size(), from + INSERT_CHUNK));
            all = all.chain(() -> insertChunk(db, chunk));
        }
        return all;
    }

    private Uni<Void> insertChunk(SqlConnection db, List<AuditRecord> chunk) {
        StringBuilder sql = new StringBuilder(INSERT_HEAD);
        List<Object> values = new ArrayList<>(chunk.size() * INSERT_PARAMS);
        int param = 1;
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "(" : ", (");
            for (int p = 0; p < INSERT_PARAMS; p++) {
                sql.append(p == 0 ? "$" : ", $").append(param++);
            }
            sql.append(')');
            values.addAll(values(chunk.get(i)));
        }
        return db.preparedQuery(sql.toString()).execute(Tuple.tuple(values)).replaceWithVoid();
    }

    private static List<Object> values(AuditRecord r) {
        return Arrays.asList(r.eventId, // Arrays.asList: nulls allowed
                r.eventSource, r.eventType, r.sourceService, r.userId,
                r.username, r.role, r.clientId, r.sourceAddress,
                r.action.name(), r.resourceType, r.resourceId, r.patientId,
                r.purposeOfUse, r.outcome.name(), r.requestId, offset(r.occurredAt),
                offset(r.receivedAt), r.kafkaTopic, r.kafkaPartition, r.kafkaOffset,
                r.rawEvent, r.chainId, r.chainSeq, r.prevHash, r.recordHash);
    }

    /** Serializes the writers (and the purge) of one chain until the transaction ends. */
    public Uni<Void> lockChain(SqlConnection db, String chainId) {
        return db.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))::text")
                .execute(Tuple.of(chainId)).replaceWithVoid();
    }

    public Uni<Boolean> exists(SqlConnection db, String eventId) {
        return db.preparedQuery("select 1 from audit_record where event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.size() > 0);
    }

    /** Where the chain continues: after its last record, else at its latest anchor, else at the start. */
    public Uni<ChainPosition> next(SqlConnection db, String chainId) {
        return db.preparedQuery("select chain_seq, record_hash from audit_record where chain_id = $1"
                        + " order by chain_seq desc limit 1").execute(Tuple.of(chainId))
                .chain(rows -> {
                    if (rows.size() > 0) {
                        Row last = rows.iterator().next();
                        return Uni.createFrom().item(new ChainPosition(last.getLong(0) + 1, last.getString(1)));
                    }
                    return latestAnchor(db, chainId).map(anchor -> anchor.orElse(ChainPosition.GENESIS));
                });
    }

    /** The latest retention anchor of a chain: the first kept seq and its previous hash. */
    public Uni<Optional<ChainPosition>> latestAnchor(SqlConnection db, String chainId) {
        return db.preparedQuery("select next_seq, prev_hash from audit_chain_anchor where chain_id = $1"
                        + " order by next_seq desc limit 1").execute(Tuple.of(chainId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(
                        new ChainPosition(rows.iterator().next().getLong(0), rows.iterator().next().getString(1))));
    }

    /** The chains that hold records or anchors. */
    public Uni<List<String>> chainIds(SqlConnection db) {
        return db.query("select distinct chain_id from audit_record where chain_id is not null"
                        + " union select chain_id from audit_chain_anchor order by 1").execute()
                .map(rows -> strings(rows));
    }

    /** Up to {@code limit} records of a chain after {@code afterSeq}, in chain order. */
    public Uni<List<AuditRecord>> chainPage(SqlConnection db, String chainId, long afterSeq, int limit) {
        return db.preparedQuery("select " + COLUMNS + " from audit_record where chain_id = $1 and chain_seq > $2"
                        + " order by chain_seq limit $3").execute(Tuple.of(chainId, afterSeq, limit))
                .map(AuditChainRepository::records);
    }

    /** The last record of a chain, if it has any. */
    public Uni<Optional<AuditRecord>> last(SqlConnection db, String chainId) {
        return db.preparedQuery("select " + COLUMNS + " from audit_record where chain_id = $1"
                        + " order by chain_seq desc limit 1").execute(Tuple.of(chainId))
                .map(rows -> records(rows).stream().findFirst());
    }

    /** The record at one position of a chain. */
    public Uni<Optional<AuditRecord>> at(SqlConnection db, String chainId, long seq) {
        return db.preparedQuery("select " + COLUMNS + " from audit_record where chain_id = $1 and chain_seq = $2")
                .execute(Tuple.of(chainId, seq))
                .map(rows -> records(rows).stream().findFirst());
    }

    /** The seq of the last record received before {@code before}, in the prefix that a purge would remove. */
    public Uni<Optional<Long>> lastSeqBefore(SqlConnection db, String chainId, Instant before) {
        return db.preparedQuery("select coalesce((select min(chain_seq) from audit_record where chain_id = $1"
                        + " and received_at >= $2), (select max(chain_seq) + 1 from audit_record where chain_id = $1)) - 1")
                .execute(Tuple.of(chainId, offset(before)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getLong(0)).filter(seq -> seq > 0));
    }

    /** Runs the SECURITY DEFINER purge; returns how many records it removed. */
    public Uni<Long> purge(SqlConnection db, String chainId, Instant before) {
        return db.preparedQuery("select audit_purge($1, $2)").execute(Tuple.of(chainId, offset(before)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** How many records carry no chain (stored before the chain existed, or written around it). */
    public Uni<Long> countUnchained(SqlConnection db) {
        return db.query("select count(*) from audit_record where chain_id is null or record_hash is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    static List<AuditRecord> records(RowSet<Row> rows) {
        List<AuditRecord> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            records.add(record(row));
        }
        return records;
    }

    static AuditRecord record(Row row) {
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
        r.occurredAt = instant(row.getOffsetDateTime("occurred_at"));
        r.receivedAt = instant(row.getOffsetDateTime("received_at"));
        r.kafkaTopic = row.getString("kafka_topic");
        r.kafkaPartition = row.getInteger("kafka_partition");
        r.kafkaOffset = row.getLong("kafka_offset");
        r.rawEvent = row.getString("raw_event");
        r.chainId = row.getString("chain_id");
        r.chainSeq = row.getLong("chain_seq");
        r.prevHash = row.getString("prev_hash");
        r.recordHash = row.getString("record_hash");
        return r;
    }

    static List<String> strings(RowSet<Row> rows) {
        List<String> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(row.getString(0)));
        return values;
    }

    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
