package org.careline.billing.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Encounter;
import org.careline.billing.PatientStatus;
import org.careline.billing.repository.EncounterRepository;
import org.careline.billing.repository.PatientStatusRepository;
import org.careline.billing.rules.EncounterKind;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Facts the EHR reports: encounters (E/M visits, procedures with a global period) and established-patient
 * status. Each one re-evaluates the patient's decided, unsubmitted episodes in the same transaction.
 */
@ApplicationScoped
public class EhrService {

    static final String ENCOUNTER = "Encounter";
    static final String STATUS = "PatientStatus";

    private final EncounterRepository encounters;
    private final PatientStatusRepository statuses;
    private final DecisionService decisions;
    private final AuditTrail audit;
    private final Clock clock;

    public EhrService(EncounterRepository encounters, PatientStatusRepository statuses, DecisionService decisions,
                      AuditTrail audit, Clock clock) {
        this.encounters = encounters;
        this.statuses = statuses;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records an encounter; the same EHR id twice is a 409 problem. */
    @WithTransaction
    public Uni<Recorded<Encounter>> recordEncounter(Caller caller, NewEncounter request) {
        if (request.globalPeriodEnd() != null && request.kind() != EncounterKind.PROCEDURE) {
            throw ProblemException.badRequest("Only a PROCEDURE has a global period.");
        }
        if (request.globalPeriodEnd() != null && request.globalPeriodEnd().isBefore(request.date())) {
            throw ProblemException.badRequest("The global period cannot end before the procedure.");
        }
        return encounters.findByExternalId(request.externalId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ProblemException(409, "duplicate-encounter", "Conflict",
                        "An encounter with this externalId is already recorded."));
            }
            Encounter e = new Encounter();
            e.id = UUID.randomUUID();
            e.externalId = request.externalId();
            e.patientId = request.patientId();
            e.date = request.date();
            e.kind = request.kind();
            e.problemCodes = request.problemCodes() == null || request.problemCodes().isEmpty() ? null
                    : String.join(",", request.problemCodes());
            e.globalPeriodEnd = request.globalPeriodEnd();
            e.recordedBy = caller.userId();
            e.recordedAt = now();
            return encounters.persist(e)
                    .call(() -> audit.record(caller, AuditAction.CREATE, ENCOUNTER, e.id.toString(), e.patientId,
                            AuditOutcome.SUCCESS))
                    .chain(() -> decisions.reevaluate(e.patientId, caller))
                    .invoke(n -> Log.infof("encounter %s recorded; %d episodes re-evaluated with a change", e.id, n))
                    .map(n -> new Recorded<>(e, n));
        });
    }

    /** An encounter by id; audited as a read. */
    @WithTransaction
    public Uni<Optional<Encounter>> findEncounter(Caller caller, UUID id) {
        return encounters.findById(id).call(e -> e == null ? Uni.createFrom().voidItem()
                : audit.record(caller, AuditAction.READ, ENCOUNTER, id.toString(), e.patientId, AuditOutcome.SUCCESS))
                .map(Optional::ofNullable);
    }

    /** Sets the patient's established status and re-evaluates their decided episodes. */
    @WithTransaction
    public Uni<Recorded<PatientStatus>> setStatus(Caller caller, String patientId, boolean established) {
        return statuses.findById(patientId).chain(found -> {
            PatientStatus status = found != null ? found : new PatientStatus();
            status.patientId = patientId;
            status.established = established;
            status.reportedBy = caller.userId();
            status.updatedAt = now();
            Uni<PatientStatus> saved = found != null ? Uni.createFrom().item(status) : statuses.persist(status);
            return saved.call(() -> audit.record(caller, found != null ? AuditAction.UPDATE : AuditAction.CREATE,
                            STATUS, patientId, patientId, AuditOutcome.SUCCESS))
                    .call(statuses::flush)
                    .chain(() -> decisions.reevaluate(patientId, caller))
                    .map(n -> new Recorded<>(status, n));
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
