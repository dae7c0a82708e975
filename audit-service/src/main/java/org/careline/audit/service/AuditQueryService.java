package org.careline.audit.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.repository.AuditRecordRepository;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.util.List;
import java.util.Optional;

/**
 * Searches the audit trail. Every query is itself audited (action QUERY on {@code AuditEvent}) through
 * this service's outbox, refused ones too; that record travels through Kafka like any other and comes
 * back into this store, so auditors see who looked at the audit trail.
 */
@ApplicationScoped
public class AuditQueryService {

    static final String RESOURCE = "AuditEvent";

    private final AuditRecordRepository records;
    private final AuditQueryParser parser;
    private final AuditAccessPolicy policy;
    private final AuditTrail audit;

    public AuditQueryService(AuditRecordRepository records, AuditQueryParser parser, AuditAccessPolicy policy,
                             AuditTrail audit) {
        this.records = records;
        this.parser = parser;
        this.policy = policy;
        this.audit = audit;
    }

    /**
     * One page of records matching {@code filters}, or empty when the caller may not read the audit
     * trail (the refusal is audited and committed; the caller answers 403).
     *
     * @throws org.careline.platform.problem.ProblemException 400 for invalid filters (checked only once
     *                                                        the caller may query)
     */
    @WithTransaction
    public Uni<Optional<AuditPage>> search(Caller caller, AuditFilters filters) {
        return search(caller, filters, AuditAction.QUERY);
    }

    /**
     * As {@link #search(Caller, AuditFilters)}, audited as {@code recordedAs} (EXPORT for the FHIR export).
     */
    @WithTransaction
    public Uni<Optional<AuditPage>> search(Caller caller, AuditFilters filters, AuditAction recordedAs) {
        if (!policy.mayQuery(caller)) {
            Log.infof("audit query denied to %s [requestId=%s]", caller.userId(), caller.requestId());
            return audit.record(caller, recordedAs, RESOURCE, null, AuditQueryParser.patientIdOrNull(filters),
                    AuditOutcome.DENIED).replaceWith(Optional.empty());
        }
        AuditQuery query = parser.parse(filters);
        return records.page(query)
                .map(rows -> toPage(rows, query.limit()))
                .call(page -> audit.record(caller, recordedAs, RESOURCE, null, query.patientId(),
                        AuditOutcome.SUCCESS))
                .invoke(page -> Log.infof("audit query by %s returned %d records [requestId=%s]", caller.userId(),
                        page.records().size(), caller.requestId()))
                .map(Optional::of);
    }

    private static AuditPage toPage(List<AuditRecord> rows, int limit) {
        if (rows.size() <= limit) {
            return new AuditPage(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, limit);
        AuditRecord last = page.get(limit - 1);
        return new AuditPage(page, new PageCursor(last.occurredAt, last.id));
    }
}
