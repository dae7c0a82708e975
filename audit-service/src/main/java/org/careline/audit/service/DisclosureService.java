package org.careline.audit.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.repository.AuditRecordRepository;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.util.List;

/**
 * Who accessed a patient's data, when and why: the accounting of disclosures for auditors, and the patient's
 * own view of it. Successful accesses by anyone but the patient; each look is itself audited.
 */
@ApplicationScoped
public class DisclosureService {

    static final String ACCOUNTING = "Disclosure";
    static final String ACCESS_LOG = "AccessLog";

    private final AuditRecordRepository records;
    private final AuditConfig config;
    private final AuditTrail audit;

    public DisclosureService(AuditRecordRepository records, AuditConfig config, AuditTrail audit) {
        this.records = records;
        this.config = config;
        this.audit = audit;
    }

    /** The accounting of disclosures of one patient, for an auditor (the role is checked at the resource). */
    @WithTransaction
    public Uni<AuditPage> accounting(Caller auditor, String patientId, String limit, String cursor) {
        if (patientId == null || patientId.isBlank() || patientId.length() > AuditQueryParser.MAX_ID_LENGTH) {
            throw ProblemException.badRequest("patientId is required, at most " + AuditQueryParser.MAX_ID_LENGTH
                    + " characters.");
        }
        return page(patientId, limit, cursor)
                .call(page -> audit.record(auditor, AuditAction.QUERY, ACCOUNTING, null, patientId, AuditOutcome.SUCCESS))
                .invoke(page -> Log.infof("accounting of disclosures read by %s: %d records [requestId=%s]",
                        auditor.userId(), page.records().size(), auditor.requestId()));
    }

    /** The patient's own access log: their patient id comes from their token, never from the request. */
    @WithTransaction
    public Uni<AuditPage> ownAccessLog(Caller patient, String limit, String cursor) {
        if (!patient.isPatient()) {
            return audit.record(patient, AuditAction.QUERY, ACCESS_LOG, null, null, AuditOutcome.DENIED)
                    .replaceWith(() -> {
                        throw new ProblemException(403, "forbidden", "Forbidden",
                                "Only a patient may read their own access log.");
                    });
        }
        return page(patient.patientId(), limit, cursor)
                .call(page -> audit.record(patient, AuditAction.QUERY, ACCESS_LOG, null, patient.patientId(),
                        AuditOutcome.SUCCESS));
    }

    private Uni<AuditPage> page(String patientId, String limitText, String cursorText) {
        int limit = limit(limitText);
        PageCursor after = cursorText == null || cursorText.isBlank() ? null : PageCursor.decode(cursorText);
        return records.disclosures(patientId, after, limit).map(rows -> toPage(rows, limit));
    }

    private int limit(String text) {
        if (text == null || text.isBlank()) {
            return config.defaultPageSize();
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= config.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + config.maxPageSize() + ".");
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
