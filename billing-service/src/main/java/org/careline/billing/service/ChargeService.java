package org.careline.billing.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Charge;
import org.careline.billing.ChargeStatus;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.VoidReason;
import org.careline.billing.config.BillingConfig;
import org.careline.billing.repository.ChargeRepository;
import org.careline.billing.repository.EpisodeRepository;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Charges for the billing office: lists, submit, void, and the rows exports read. All audited. */
@ApplicationScoped
public class ChargeService {

    private static final Set<ChargeStatus> VOIDABLE = Set.of(ChargeStatus.READY, ChargeStatus.HELD,
            ChargeStatus.SUBMITTED);

    private final ChargeRepository charges;
    private final EpisodeRepository episodes;
    private final ChargeLedger ledger;
    private final Access access;
    private final AuditTrail audit;
    private final BillingConfig config;
    private final Clock clock;

    public ChargeService(ChargeRepository charges, EpisodeRepository episodes, ChargeLedger ledger, Access access,
                         AuditTrail audit, BillingConfig config, Clock clock) {
        this.charges = charges;
        this.episodes = episodes;
        this.ledger = ledger;
        this.access = access;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** A page of charges, newest first; a clinician sees only charges of their work. Audited as a query. */
    @WithTransaction
    public Uni<ChargePage> find(Caller caller, ChargeQuery query) {
        PageCursor after = query.cursor() == null ? null : PageCursor.decode(query.cursor());
        int size = query.limit() != null ? query.limit() : config.defaultPageSize();
        return charges.page(query.status(), query.patientId(), Access.clinicianScope(caller),
                        after == null ? null : after.createdAt(), after == null ? null : after.id(), size + 1)
                .map(found -> {
                    List<Charge> page = found.size() > size ? found.subList(0, size) : found;
                    String next = found.size() > size
                            ? new PageCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id).encode()
                            : null;
                    return new ChargePage(page, next);
                })
                .call(() -> audit.record(caller, AuditAction.QUERY, ChargeLedger.RESOURCE, query.auditId(),
                        query.patientId(), AuditOutcome.SUCCESS));
    }

    /** One charge if the caller may read it, audited as {@code action} (READ, or EXPORT for exports). */
    @WithTransaction
    public Uni<Optional<Charge>> find(Caller caller, UUID id, AuditAction action) {
        return charges.findById(id).chain(c -> c == null ? Uni.createFrom().item(Optional.<Charge>empty())
                : access.mayRead(caller, c.episodeId).chain(allowed -> audit.record(caller, action,
                                ChargeLedger.RESOURCE, id.toString(), c.patientId,
                                allowed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED)
                        .map(ignored -> allowed ? Optional.of(c) : Optional.<Charge>empty())));
    }

    /** Sends a READY charge to billing: SUBMITTED. Anything else is a 409 problem. */
    @WithTransaction
    public Uni<Charge> submit(Caller caller, UUID id) {
        return load(id).chain(c -> {
            if (c.status != ChargeStatus.READY) {
                throw transitionRefused("Only a READY charge can be submitted.");
            }
            return move(caller, c, ChargeStatus.SUBMITTED);
        });
    }

    /** Voids a ready, held or submitted charge, with a coded reason. */
    @WithTransaction
    public Uni<Charge> voidCharge(Caller caller, UUID id, VoidReason reason) {
        return load(id).chain(c -> {
            if (!VOIDABLE.contains(c.status)) {
                throw transitionRefused("Only a READY, HELD or SUBMITTED charge can be voided.");
            }
            c.voidReason = reason;
            return move(caller, c, ChargeStatus.VOID);
        });
    }

    /** Rows for the billing office's CSV, oldest first, at most {@code max}; each row is audited as an export. */
    @WithTransaction
    public Uni<List<Charge>> export(Caller caller, ChargeStatus status, int max) {
        return charges.find("status = ?1 order by createdAt, id", status).range(0, max - 1).list()
                .call(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(c -> audit.record(caller, AuditAction.EXPORT,
                                ChargeLedger.RESOURCE, c.id.toString(), c.patientId, AuditOutcome.SUCCESS))
                        .collect().last());
    }

    private Uni<Charge> move(Caller caller, Charge c, ChargeStatus target) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return ledger.transition(c, target, now, caller)
                .call(() -> episodes.findById(c.episodeId).invoke(e -> {
                    e.status = EpisodeStatus.valueOf(target.name());
                    e.updatedAt = now;
                }));
    }

    private Uni<Charge> load(UUID id) {
        return charges.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("No charge with this id."));
    }

    private static ProblemException transitionRefused(String detail) {
        return new ProblemException(409, "invalid-transition", "Conflict", detail);
    }
}
