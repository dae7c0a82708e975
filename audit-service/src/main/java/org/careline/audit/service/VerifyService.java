package org.careline.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.repository.AuditChainRepository;
import org.careline.audit.repository.CheckpointRepository;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the hash chains against their records, retention anchors and signed checkpoints (those in the
 * database and the exported copies). Reads in pages, so memory stays flat however long a chain is.
 */
@ApplicationScoped
public class VerifyService {

    static final String RESOURCE = "AuditChain";
    private static final int PAGE = 1000;

    private final Pool pool;
    private final AuditChainRepository chains;
    private final CheckpointRepository checkpoints;
    private final CheckpointExporter exporter;
    private final CheckpointSigner signer;
    private final AuditTrail audit;
    private final Clock clock;

    public VerifyService(Pool pool, AuditChainRepository chains, CheckpointRepository checkpoints,
                         CheckpointExporter exporter, CheckpointSigner signer, AuditTrail audit, Clock clock) {
        this.pool = pool;
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.exporter = exporter;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    /** Verifies every chain, or only {@code chainId}; the verification itself is audited. */
    public Uni<VerifyReport> verify(Caller caller, Optional<String> chainId) {
        return Panache.withTransaction(() -> audit.record(caller, AuditAction.QUERY, RESOURCE, chainId.orElse(null),
                        null, AuditOutcome.SUCCESS))
                .chain(() -> verify(chainId))
                .invoke(report -> Log.infof("audit verification by %s: valid=%s over %d chains [requestId=%s]",
                        caller.userId(), report.valid(), report.chains().size(), caller.requestId()));
    }

    public Uni<VerifyReport> verify(Optional<String> chainId) {
        Uni<List<String>> ids = chainId.isPresent() ? Uni.createFrom().item(List.of(chainId.get()))
                : pool.withConnection(chains::chainIds);
        return ids.onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::verifyChain)
                .collect().asList()
                .chain(reports -> pool.withConnection(chains::countUnchained).map(unchained -> new VerifyReport(
                        unchained == 0 && reports.stream().allMatch(ChainReport::valid), clock.instant(),
                        exporter.enabled(), unchained, reports)));
    }

    private Uni<ChainReport> verifyChain(String chainId) {
        Uni<List<Checkpoint>> exported = Uni.createFrom().item(() -> exporter.read(chainId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return pool.withConnection(db -> chains.latestAnchor(db, chainId)
                        .chain(anchor -> checkpoints.ofChain(db, chainId).map(stored -> new Evidence(anchor, stored))))
                .chain(evidence -> exported.map(copies -> {
                    List<Checkpoint> all = new ArrayList<>(evidence.stored());
                    all.addAll(copies);
                    return new ChainVerifier(chainId, evidence.anchor(), all, signer);
                }))
                .chain(verifier -> walk(verifier, chainId, 0));
    }

    private Uni<ChainReport> walk(ChainVerifier verifier, String chainId, long afterSeq) {
        return pool.withConnection(db -> chains.chainPage(db, chainId, afterSeq, PAGE)).chain(page -> {
            for (AuditRecord record : page) {
                if (!verifier.accept(record)) {
                    return Uni.createFrom().item(verifier.finish());
                }
            }
            if (page.size() < PAGE) {
                return Uni.createFrom().item(verifier.finish());
            }
            return walk(verifier, chainId, page.get(page.size() - 1).chainSeq);
        });
    }

    /** What the database holds about a chain besides its records. */
    private record Evidence(Optional<ChainPosition> anchor, List<Checkpoint> stored) {
    }
}
