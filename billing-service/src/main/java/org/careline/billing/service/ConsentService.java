package org.careline.billing.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
 * Patients' consent to possible e-visit charges. Each consent is kept (never overwritten); recording one
 * releases the patient's held charges by re-evaluating them.
 */
@ApplicationScoped
public class ConsentService {

    static final String RESOURCE = "Consent";

    private final ConsentRepository consents;
    private final DecisionService decisions;
    private final AuditTrail audit;
    private final EpisodeRules rules;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, DecisionService decisions, AuditTrail audit, EpisodeRules rules,
                          Clock clock) {
        this.consents = consents;
        this.decisions = decisions;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /** The patient records consent to the text of {@code textVersion}. */
    @WithTransaction
    public Uni<Recorded<Consent>> record(Caller caller, String textVersion) {
        String patientId = ownPatient(caller);
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

    /** The caller's latest consent, if any. */
    @WithTransaction
    public Uni<Optional<Consent>> current(Caller caller) {
        String patientId = ownPatient(caller);
        return consents.listByPatient(patientId)
                .call(() -> audit.record(caller, AuditAction.READ, RESOURCE, "patientId=" + patientId, patientId,
                        AuditOutcome.SUCCESS))
                .map(list -> list.stream().findFirst());
    }

    /** When a consent recorded at {@code recordedAt} stops covering new windows; null when it never does. */
    public Instant validUntil(Instant recordedAt) {
        Period validity = rules.policy().consentValidity();
        return validity.isZero() ? null : recordedAt.atZone(rules.policy().zone()).plus(validity).toInstant();
    }

    private static String ownPatient(Caller caller) {
        if (caller.isPatient()) {
            return caller.patientId();
        }
        if (caller.hasRole(Roles.CAREGIVER)) {
            // Proxy grants (which patient, which scopes) do not exist yet on the platform: until they do, a
            // caregiver cannot act for anyone, exactly as in messaging-service.
            throw new ProblemException(403, "proxy-grant-required", "Forbidden",
                    "Consenting on a patient's behalf needs an active proxy grant.");
        }
        throw new ProblemException(403, "forbidden", "Forbidden", "Only the patient records their consent.");
    }
}
