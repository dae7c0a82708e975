package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.ProxyGrant;
import org.careline.messaging.config.MessagingConfig;
import org.careline.messaging.repository.ProxyGrantRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Caregivers' proxy grants, managed by staff and administrators. A caregiver may list and read their own
 * grants. Every access is audited (denied ones too); a revoked grant stays on record.
 */
@ApplicationScoped
public class ProxyGrantService {

    static final String RESOURCE = "ProxyGrant";
    static final String NOT_FOUND = "No proxy grant with this id is visible to you.";

    private final ProxyGrantRepository grants;
    private final AuditTrail audit;
    private final ProxyGrantEvents events;
    private final AuditedTransactions transactions;
    private final MessagingConfig config;
    private final Clock clock;

    public ProxyGrantService(ProxyGrantRepository grants, AuditTrail audit, ProxyGrantEvents events,
                             AuditedTransactions transactions, MessagingConfig config, Clock clock) {
        this.grants = grants;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.config = config;
        this.clock = clock;
    }

    public Uni<ProxyGrant> create(Caller caller, NewProxyGrant request) {
        return transactions.run(caller, () -> {
            requireManager(caller, AuditAction.CREATE, null, request.patientId());
            Instant now = now();
            requireFuture(request.expiresAt(), now);
            ProxyGrant grant = new ProxyGrant();
            grant.id = UUID.randomUUID();
            grant.caregiver = request.caregiver();
            grant.patientId = request.patientId();
            grant.scope = request.scope();
            grant.expiresAt = request.expiresAt().truncatedTo(ChronoUnit.MICROS);
            grant.grantedBy = caller.userId();
            grant.createdAt = now;
            grant.updatedAt = now;
            return grants.persist(grant)
                    .call(() -> events.changed(grant))
                    .call(() -> audit.record(caller, AuditAction.CREATE, RESOURCE, grant.id.toString(),
                            grant.patientId, AuditOutcome.SUCCESS))
                    .invoke(() -> Log.infof("proxy grant %s created by %s", grant.id, caller.userId()));
        });
    }

    public Uni<ProxyGrant> find(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible(caller, id, AuditAction.READ)
                .call(grant -> audit.record(caller, AuditAction.READ, RESOURCE, id.toString(), grant.patientId,
                        AuditOutcome.SUCCESS)));
    }

    /** Changes scope and expiry; caregiver and patient stay (a different pair is a new grant). */
    public Uni<ProxyGrant> update(Caller caller, UUID id, NewProxyGrant request) {
        return transactions.run(caller, () -> {
            requireManager(caller, AuditAction.UPDATE, id.toString(), null);
            return visible(caller, id, AuditAction.UPDATE).chain(grant -> {
                if (!grant.caregiver.equals(request.caregiver()) || !grant.patientId.equals(request.patientId())) {
                    throw ProblemException.badRequest("caregiver and patientId of a grant cannot change; create a new grant.");
                }
                if (grant.revokedAt != null) {
                    throw ProblemException.conflict("This grant is revoked; create a new grant.");
                }
                Instant now = now();
                requireFuture(request.expiresAt(), now);
                grant.scope = request.scope();
                grant.expiresAt = request.expiresAt().truncatedTo(ChronoUnit.MICROS);
                grant.updatedAt = now;
                return events.changed(grant)
                        .chain(() -> audit.record(caller, AuditAction.UPDATE, RESOURCE, id.toString(), grant.patientId,
                                AuditOutcome.SUCCESS))
                        .replaceWith(grant);
            });
        });
    }

    /** Revokes the grant at once; revoking twice is harmless. */
    public Uni<ProxyGrant> revoke(Caller caller, UUID id) {
        return transactions.run(caller, () -> {
            requireManager(caller, AuditAction.DELETE, id.toString(), null);
            return visible(caller, id, AuditAction.DELETE).chain(grant -> {
                Uni<Void> announced = Uni.createFrom().voidItem();
                if (grant.revokedAt == null) {
                    grant.revokedAt = now();
                    grant.updatedAt = grant.revokedAt;
                    announced = events.changed(grant);
                }
                return announced
                        .chain(() -> audit.record(caller, AuditAction.DELETE, RESOURCE, id.toString(), grant.patientId,
                                AuditOutcome.SUCCESS))
                        .replaceWith(grant);
            });
        });
    }

    /** Managers list any grants by patient or caregiver; a caregiver lists their own. */
    public Uni<ProxyGrantPage> list(Caller caller, String patientId, String caregiver, String cursor, Integer limit) {
        GrantCursor after = cursor == null ? null : GrantCursor.decode(cursor);
        int size = limit != null ? limit : config.defaultPageSize();
        return transactions.run(caller, () -> {
            String ownOnly = null;
            if (!isManager(caller)) {
                if (!caller.hasRole(Roles.CAREGIVER) || (caregiver != null && !caregiver.equals(caller.username()))) {
                    throw new Denied(ThreadAccessPolicy.forbidden("Your role does not allow listing these grants."),
                            AuditAction.QUERY, RESOURCE, null, patientId, AuditOutcome.DENIED);
                }
                ownOnly = caller.username();
            }
            String who = ownOnly != null ? ownOnly : caregiver;
            return grants.page(patientId, who, after == null ? null : after.createdAt(),
                            after == null ? null : after.id(), size + 1)
                    .chain(found -> {
                        var page = found.size() > size ? found.subList(0, size) : found;
                        String next = found.size() > size
                                ? new GrantCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id).encode()
                                : null;
                        return audit.record(caller, AuditAction.QUERY, RESOURCE, null, patientId, AuditOutcome.SUCCESS)
                                .replaceWith(new ProxyGrantPage(page, next));
                    });
        });
    }

    private Uni<ProxyGrant> visible(Caller caller, UUID id, AuditAction action) {
        return grants.findById(id).map(grant -> {
            if (grant == null) {
                throw new Denied(ProblemException.notFound(NOT_FOUND), action, RESOURCE, id.toString(), null,
                        AuditOutcome.FAILED);
            }
            boolean own = caller.hasRole(Roles.CAREGIVER) && grant.caregiver.equals(caller.username());
            if (!isManager(caller) && !own) {
                throw new Denied(ProblemException.notFound(NOT_FOUND), action, RESOURCE, id.toString(),
                        grant.patientId, AuditOutcome.DENIED);
            }
            return grant;
        });
    }

    private static boolean isManager(Caller caller) {
        return caller.hasRole(Roles.STAFF) || caller.hasRole(Roles.ADMIN);
    }

    private static void requireManager(Caller caller, AuditAction action, String id, String patientId) {
        if (!isManager(caller)) {
            throw new Denied(ThreadAccessPolicy.forbidden("Only staff and administrators manage proxy grants."),
                    action, RESOURCE, id, patientId, AuditOutcome.DENIED);
        }
    }

    private static void requireFuture(Instant expiresAt, Instant now) {
        if (!expiresAt.isAfter(now)) {
            throw ProblemException.badRequest("expiresAt must be in the future.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
