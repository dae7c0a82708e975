package org.careline.audit.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.BreakGlassGrant;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.mapping.FhirAuditEventMapper;
import org.careline.audit.repository.BreakGlassGrantRepository;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.BreakGlassGranted;
import org.careline.events.EventType;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Break-the-glass: a clinician states a reason and gets emergency access to one patient's data for
 * {@code careline.audit.break-glass.duration}. The grant, its {@code break-glass-granted} event (through the
 * outbox, for the services that hold the data) and its audit record (purpose ETREAT) commit together. Every
 * grant waits for an auditor's review. The reason never leaves this service's database.
 */
@ApplicationScoped
public class BreakGlassService {

    static final String RESOURCE = FhirAuditEventMapper.BREAK_GLASS_RESOURCE;
    /** Review outcomes an auditor may record. */
    public static final List<String> REVIEW_OUTCOMES = List.of("APPROPRIATE", "INAPPROPRIATE");

    private final BreakGlassGrantRepository grants;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final AuditConfig config;
    private final Clock clock;

    public BreakGlassService(BreakGlassGrantRepository grants, Outbox outbox, AuditTrail audit, AuditConfig config,
                             Clock clock) {
        this.grants = grants;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Grants emergency access (the clinician role is checked at the resource). */
    @WithTransaction
    public Uni<BreakGlassGrant> request(Caller clinician, String patientId, String reason) {
        if (patientId == null || patientId.isBlank() || patientId.length() > AuditQueryParser.MAX_ID_LENGTH) {
            throw ProblemException.badRequest("patientId is required, at most " + AuditQueryParser.MAX_ID_LENGTH
                    + " characters.");
        }
        int maxReason = config.breakGlass().maxReasonLength();
        if (reason == null || reason.isBlank() || reason.length() > maxReason) {
            throw ProblemException.badRequest("reason is required, at most " + maxReason + " characters.");
        }
        Instant now = clock.instant();
        BreakGlassGrant grant = new BreakGlassGrant();
        grant.id = UUID.randomUUID();
        grant.userId = clinician.userId();
        grant.username = clinician.username();
        grant.patientId = patientId;
        grant.reason = reason.strip();
        grant.grantedAt = RecordHasher.micros(now);
        grant.expiresAt = RecordHasher.micros(now.plus(config.breakGlass().duration()));
        BreakGlassGranted event = new BreakGlassGranted(grant.id.toString(), grant.userId, grant.patientId,
                grant.grantedAt, grant.expiresAt);
        return grants.persist(grant)
                .call(() -> outbox.append(EventType.BREAK_GLASS_GRANTED, RESOURCE + "/" + grant.id, grant.patientId, event))
                .call(() -> audit.record(clinician, AuditAction.CREATE, RESOURCE, grant.id.toString(), grant.patientId,
                        AuditOutcome.SUCCESS, AuditTrail.EMERGENCY_TREATMENT))
                .invoke(() -> Log.infof("break-the-glass grant %s to %s until %s, pending review [requestId=%s]",
                        grant.id, clinician.userId(), grant.expiresAt, clinician.requestId()));
    }

    /** Grants newest first for an auditor, optionally only those not reviewed yet; audited. */
    @WithTransaction
    public Uni<GrantPage> list(Caller auditor, Boolean reviewed, int limit, String cursor) {
        GrantCursor after = cursor == null || cursor.isBlank() ? null : GrantCursor.decode(cursor);
        return grants.page(reviewed, after, limit)
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new GrantPage(rows, null);
                    }
                    List<BreakGlassGrant> page = rows.subList(0, limit);
                    BreakGlassGrant last = page.get(limit - 1);
                    return new GrantPage(page, new GrantCursor(last.grantedAt, last.id));
                })
                .call(page -> audit.record(auditor, AuditAction.QUERY, RESOURCE, null, null, AuditOutcome.SUCCESS));
    }

    /** One grant: for an auditor, or for the clinician it was granted to. Audited; 404 for anyone else. */
    @WithTransaction
    public Uni<BreakGlassGrant> get(Caller caller, UUID id) {
        return grants.findById(id).chain(grant -> {
            boolean allowed = grant != null
                    && (caller.hasRole(Roles.AUDITOR) || caller.userId().equals(grant.userId));
            String patientId = grant != null ? grant.patientId : null;
            return audit.record(caller, AuditAction.READ, RESOURCE, id.toString(), patientId,
                            allowed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED)
                    .replaceWith(() -> {
                        if (!allowed) {
                            throw ProblemException.notFound("No break-the-glass grant with this id.");
                        }
                        return grant;
                    });
        });
    }

    /** Records an auditor's review of a grant (once). */
    @WithTransaction
    public Uni<BreakGlassGrant> review(Caller auditor, UUID id, String outcome) {
        if (outcome == null || !REVIEW_OUTCOMES.contains(outcome)) {
            throw ProblemException.badRequest("outcome must be one of " + REVIEW_OUTCOMES + ".");
        }
        return grants.findById(id).chain(grant -> {
            if (grant == null) {
                throw ProblemException.notFound("No break-the-glass grant with this id.");
            }
            if (grant.reviewed()) {
                throw ProblemException.conflict("This grant was reviewed already.");
            }
            grant.reviewedAt = RecordHasher.micros(clock.instant());
            grant.reviewedBy = auditor.userId();
            grant.reviewOutcome = outcome;
            return audit.record(auditor, AuditAction.UPDATE, RESOURCE, id.toString(), grant.patientId,
                    AuditOutcome.SUCCESS).replaceWith(grant);
        });
    }

    /** A page of grants and where the next starts (null on the last page). */
    public record GrantPage(List<BreakGlassGrant> grants, GrantCursor next) {
    }
}
