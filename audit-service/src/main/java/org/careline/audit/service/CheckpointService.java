package org.careline.audit.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.repository.AuditChainRepository;
import org.careline.audit.repository.CheckpointRepository;

import java.time.Clock;
import java.util.Optional;

/**
 * Signs a checkpoint of every chain that grew since its last one, every {@code careline.audit.checkpoint.interval},
 * stores it (append-only) and exports a copy outside the database.
 */
@ApplicationScoped
public class CheckpointService {

    private final Pool pool;
    private final AuditChainRepository chains;
    private final CheckpointRepository checkpoints;
    private final CheckpointSigner signer;
    private final CheckpointExporter exporter;
    private final Clock clock;

    public CheckpointService(Pool pool, AuditChainRepository chains, CheckpointRepository checkpoints,
                             CheckpointSigner signer, CheckpointExporter exporter, Clock clock) {
        this.pool = pool;
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.exporter = exporter;
        this.clock = clock;
    }

    @Scheduled(every = "${careline.audit.checkpoint.interval}", delayed = "${careline.audit.checkpoint.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return checkpointAll()
                .invoke(count -> Log.infof("signed %d audit chain checkpoints", count))
                .onFailure().invoke(e -> Log.warnf("audit checkpoint run failed (%s)", e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Checkpoints every chain at its last record, unless that record has one already; returns how many. */
    public Uni<Integer> checkpointAll() {
        return pool.withConnection(chains::chainIds)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::checkpointHead)
                .filter(Optional::isPresent)
                .collect().asList()
                .map(java.util.List::size);
    }

    /** Checkpoints one chain at its last record, unless it has one there already. */
    public Uni<Optional<Checkpoint>> checkpointHead(String chainId) {
        return pool.withConnection(db -> chains.last(db, chainId))
                .chain(last -> last.isEmpty() ? Uni.createFrom().item(Optional.<Checkpoint>empty())
                        : checkpointAt(chainId, last.get().chainSeq, last.get().recordHash));
    }

    /** Signs, stores and exports a checkpoint of one record; empty when that position had one already. */
    public Uni<Optional<Checkpoint>> checkpointAt(String chainId, long seq, String recordHash) {
        Checkpoint checkpoint = signer.sign(chainId, seq, recordHash, clock.instant());
        return pool.withConnection(db -> checkpoints.insert(db, checkpoint))
                .chain(stored -> !stored ? Uni.createFrom().item(Optional.<Checkpoint>empty())
                        : Uni.createFrom().item(() -> {
                                    exporter.export(checkpoint);
                                    return Optional.of(checkpoint);
                                })
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }
}
