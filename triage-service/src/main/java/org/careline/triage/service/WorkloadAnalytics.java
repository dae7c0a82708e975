package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;
import org.careline.triage.repository.WorkloadRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Workload analytics for practice managers ({@code admin}: every pool and care-team member, and totals) and for
 * each care-team member (their own row only). Aggregates without patient ids or text, so a permitted read touches
 * no patient data and is not audited; a denied one (another member's figures, pool figures) is audited as DENIED.
 */
@ApplicationScoped
public class WorkloadAnalytics {

    /** The audit resource type of denied requests. */
    public static final String RESOURCE = "WorkloadAnalytics";

    public enum GroupBy { POOL, CLINICIAN }

    private final WorkloadRepository facts;
    private final AuditTrail audit;
    private final Clock clock;

    public WorkloadAnalytics(WorkloadRepository facts, AuditTrail audit, Clock clock) {
        this.facts = facts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param careTeam  only this care team's messages and queue items; null for all
     * @param groupBy   null: pools for an admin, the caller's own row for anyone else
     * @param clinician only this care-team member's row (clinician grouping); null for all (admin) or the caller
     */
    public Uni<WorkloadReport> report(Caller caller, Instant from, Instant to, GroupBy groupBy, String careTeam,
                                      String clinician) {
        boolean admin = caller.hasRole(Roles.ADMIN);
        GroupBy by = groupBy != null ? groupBy : admin ? GroupBy.POOL : GroupBy.CLINICIAN;
        if (!admin && by == GroupBy.POOL) {
            return deny(caller, "pools", "Pool figures are for practice managers; ask for groupBy=clinician.");
        }
        if (!admin && clinician != null && !clinician.equals(caller.userId())) {
            return deny(caller, clinician, "You may see your own workload figures only.");
        }
        String only = admin ? clinician : caller.userId();
        Instant now = clock.instant();
        return Panache.withSession(() -> facts.received(from, to, careTeam)
                .chain(received -> facts.replies(from, to, careTeam)
                        .chain(replies -> facts.backlog(now, careTeam)
                                .map(backlog -> {
                                    List<WorkloadRow> rows = by == GroupBy.POOL
                                            ? WorkloadAggregator.byPool(received, replies, backlog)
                                            : mine(WorkloadAggregator.byClinician(received, replies, backlog), only);
                                    WorkloadRow totals = admin ? WorkloadAggregator.totals(received, replies, backlog)
                                            : null;
                                    return new WorkloadReport(from, to, by.name().toLowerCase(), careTeam, now,
                                            rows, totals);
                                }))));
    }

    /** Only one member's row, with zeros when they had no work in the period; all rows when {@code only} is null. */
    private static List<WorkloadRow> mine(List<WorkloadRow> rows, String only) {
        if (only == null) {
            return rows;
        }
        return List.of(rows.stream().filter(r -> only.equals(r.clinician())).findFirst()
                .orElseGet(() -> empty(only)));
    }

    private static WorkloadRow empty(String clinician) {
        WorkloadRow zero = WorkloadAggregator.totals(List.of(), List.of(), List.of());
        return new WorkloadRow(null, null, clinician, 0, 0, 0, 0, null, 0, 0, 0, zero.turnaround());
    }

    private <T> Uni<T> deny(Caller caller, String asked, String detail) {
        Log.infof("workload analytics denied to %s (asked for %s)", caller.userId(), asked);
        return Panache.withTransaction(() -> audit.record(caller, AuditAction.QUERY, RESOURCE, asked, null,
                        AuditOutcome.DENIED))
                .chain(() -> Uni.createFrom().failure(new ProblemException(403, "forbidden", "Forbidden", detail)));
    }
}
