package org.careline.audit.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.repository.AuditChainRepository;

import java.time.Clock;
import java.time.Instant;

/**
 * Removes records older than the retention period ({@code careline.audit.retention.period}, six years by default),
 * chain by chain, through the database function {@code audit_purge} (SECURITY DEFINER: the writer role itself
 * cannot delete). Before each purge the last record to go gets a signed checkpoint, which proves the anchor the
 * purge writes, so the kept part of the chain still verifies.
 */
@ApplicationScoped
public class RetentionService {

    private final Pool pool;
    private final AuditChainRepository chains;
    private final CheckpointService checkpoints;
    private final AuditConfig config;
    private final Clock clock;

    public RetentionService(Pool pool, AuditChainRepository chains, CheckpointService checkpoints, AuditConfig config,
                            Clock clock) {
        this.pool = pool;
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${careline.audit.retention.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.retention().purgeEnabled()) {
            return Uni.createFrom().voidItem();
        }
        Instant before = clock.instant().minus(config.retention().period());
        return pool.withConnection(chains::chainIds)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(chain -> purge(chain, before))
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                .invoke(purged -> Log.infof("retention purge removed %d audit records received before %s", purged, before))
                .onFailure().invoke(e -> Log.warnf("retention purge failed (%s)", e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Removes the records of one chain received before {@code before}; returns how many. */
    public Uni<Long> purge(String chainId, Instant before) {
        return pool.withConnection(db -> chains.lastSeqBefore(db, chainId, before)
                        .chain(seq -> seq.isEmpty() ? Uni.createFrom().item(java.util.Optional.<org.careline.audit.AuditRecord>empty())
                                : chains.at(db, chainId, seq.get())))
                .chain(last -> last.isEmpty() ? Uni.createFrom().item(0L)
                        : checkpoints.checkpointAt(chainId, last.get().chainSeq, last.get().recordHash)
                        .chain(() -> pool.withTransaction(db -> chains.purge(db, chainId, before))));
    }
}
