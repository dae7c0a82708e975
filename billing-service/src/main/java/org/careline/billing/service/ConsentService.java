package org.careline.billing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Consent;
import org.careline.billing.repository.ConsentRepository;
import org.careline.billing.rules.EpisodeRules;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Patients' consent to possible e-visit charges, recorded by the patient or by a caregiver holding a live
 * READ_WRITE proxy grant for them. Each consent is kept (never overwritten); recording one releases the
 * patient's held charges by re-evaluating them.
 */
@ApplicationScoped
public class ConsentService {

    static final String RESOURCE = "Consent";

    private final ConsentRepository consents;
    private final CaregiverGrantService grants;
    private final DecisionService decisions;
    private final AuditTrail audit;
    private final EpisodeRules rules;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, CaregiverGrantService grants, DecisionService decisions,
                          AuditTrail audit, EpisodeRules rules, Clock clock) {
        this.consents = consents;
        this.grants = grants;
        this.decisions = decisions;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The patient, or a caregiver holding a live READ_WRITE proxy grant for {@code patientId}, records consent to
     * the text of {@code textVersion}. A refused caregiver (or a patient naming another patient) is audited DENIED.
     */
    public Uni<Recorded<Consent>> record(Caller caller, String textVersion, String patientId) {
        String requested = requestedPatient(caller, patientId);
        return Panache.withTransaction(() -> actingFor(caller, requested, AuditAction.CREATE, "patientId=" + requested)
                        .chain(allowed -> allowed ? save(caller, requested, textVersion)
                                : Uni.createFrom().<Recorded<Consent>>nullItem()))
                .map(recorded -> {
                    if (recorded == null) {
                        throw refusal(caller);
                    }
                    return recorded;
                });
    }

    /** The latest consent of the caller, or of the patient a caregiver acts for, if any. */
    public Uni<Optional<Consent>> current(Caller caller, String patientId) {
        String requested = requestedPatient(caller, patientId);
        String auditId = "patientId=" + requested;
        return Panache.withTransaction(() -> actingFor(caller, requested, AuditAction.READ, auditId)
                        .chain(allowed -> !allowed ? Uni.createFrom().<Optional<Consent>>nullItem()
                                : consents.listByPatient(requested)
                                .call(() -> audit.record(caller, AuditAction.READ, RESOURCE, auditId, requested,
                                        AuditOutcome.SUCCESS))
                                .map(list -> list.stream().findFirst())))
                .map(found -> {
                    if (found == null) {
                        throw refusal(caller);
                    }
                    return found;
                });
    }

    private Uni<Recorded<Consent>> save(Caller caller, String patientId, String textVersion) {
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.patientId = patientId;
        consent.textVersion = textVersion;
        consent.recordedBy = caller.userId();
        consent.recorderRole = caller.primaryRole();
        consent.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return consents.persist(consent)
                .call(() -> audit.record(caller, AuditAction.CREATE, RESOURCE, consent.id.toString(), patientId,
                        AuditOutcome.SUCCESS))
                .call(consents::flush)
                .chain(() -> decisions.reevaluate(patientId, caller))
                .map(n -> new Recorded<>(consent, n));
    }

    /**
     * Whether the caller may act for {@code patientId}: their own, or under a live READ_WRITE proxy grant. A refusal
     * is audited DENIED in this transaction (which commits: the refusal is raised after it).
     */
    private Uni<Boolean> actingFor(Caller caller, String patientId, AuditAction action, String resourceId) {
        Uni<Boolean> allowed = caller.isPatient()
                ? Uni.createFrom().item(patientId != null && patientId.equals(caller.patientId()))
                : grants.mayActFor(caller, patientId);
        return allowed.call(ok -> ok ? Uni.createFrom().voidItem()
                : audit.record(caller, action, RESOURCE, resourceId, patientId, AuditOutcome.DENIED));
    }

    /** The patient the request is about; refuses other roles, and a caregiver naming no patient. */
    private static String requestedPatient(Caller caller, String patientId) {
        if (caller.isPatient()) {
            return patientId != null ? patientId : caller.patientId();
        }
        if (caller.hasRole(Roles.CAREGIVER)) {
            if (patientId == null) {
                throw ProblemException.badRequest("patientId is required when a caregiver acts for a patient.");
            }
            return patientId;
        }
        throw new ProblemException(403, "forbidden", "Forbidden", "Only the patient records their consent.");
    }

    private static ProblemException refusal(Caller caller) {
        if (caller.isPatient()) {
            return new ProblemException(403, "forbidden", "Forbidden", "A patient consents only for themselves.");
        }
        return new ProblemException(403, "proxy-grant-required", "Forbidden",
                "Consenting on a patient's behalf needs a live READ_WRITE proxy grant for that patient.");
    }

    /** When a consent recorded at {@code recordedAt} stops covering new windows; null when it never does. */
    public Instant validUntil(Instant recordedAt) {
        Period validity = rules.policy().consentValidity();
        return validity.isZero() ? null : recordedAt.atZone(rules.policy().zone()).plus(validity).toInstant();
    }
}
