package org.careline.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.service.Checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checkpoints kept in the database (append-only; copies are exported, see {@code CheckpointExporter}). */
@ApplicationScoped
public class CheckpointRepository {

    private static final String COLUMNS = "chain_id, chain_seq, record_hash, created_at, key_id, algorithm, signature";

    /** @return true when stored, false when this chain position had a checkpoint already */
    public Uni<Boolean> insert(SqlConnection db, Checkpoint c) {
        return db.preparedQuery("insert into audit_checkpoint (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7)"
                        + " on conflict (chain_id, chain_seq) do nothing")
                .execute(Tuple.tuple(List.of(c.chainId(), c.seq(), c.recordHash(),
                        AuditChainRepository.offset(c.createdAt()), c.keyId(), c.algorithm(), c.signature())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Checkpoint>> latest(SqlConnection db, String chainId) {
        return db.preparedQuery("select " + COLUMNS + " from audit_checkpoint where chain_id = $1"
                        + " order by chain_seq desc limit 1").execute(Tuple.of(chainId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(checkpoint(rows.iterator().next())));
    }

    public Uni<List<Checkpoint>> ofChain(SqlConnection db, String chainId) {
        return db.preparedQuery("select " + COLUMNS + " from audit_checkpoint where chain_id = $1 order by chain_seq")
                .execute(Tuple.of(chainId))
                .map(rows -> {
                    List<Checkpoint> all = new ArrayList<>(rows.size());
                    rows.forEach(row -> all.add(checkpoint(row)));
                    return all;
                });
    }

    private static Checkpoint checkpoint(Row row) {
        return new Checkpoint(row.getString("chain_id"), row.getLong("chain_seq"), row.getString("record_hash"),
                AuditChainRepository.instant(row.getOffsetDateTime("created_at")), row.getString("key_id"),
                row.getString("algorithm"), row.getString("signature"));
    }
}
