package org.careline.billing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.TimeLog;
import org.careline.billing.config.BillingConfig;
import org.careline.billing.repository.ConsentRepository;
import org.careline.billing.repository.EncounterRepository;
import org.careline.billing.repository.EpisodeRepository;
import org.careline.billing.repository.PatientStatusRepository;
import org.careline.billing.repository.TimeLogRepository;
import org.careline.billing.repository.VisitRequestRepository;
import org.careline.billing.rules.Decision;
import org.careline.billing.rules.Reason;
import org.careline.billing.rules.VisitRequestFact;
import org.careline.billing.rules.ConsentFact;
import org.careline.billing.rules.EncounterFact;
import org.careline.billing.rules.EpisodeFacts;
import org.careline.billing.rules.EpisodeRules;
import org.careline.billing.rules.TimeEntry;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Decides episodes with the rules: when their window ends (scheduler), and again when a late fact
 * (encounter, established status, consent) arrives for a decided episode that is not yet submitted.
 */
@ApplicationScoped
public class DecisionService {

    private final EpisodeRepository episodes;
    private final TimeLogRepository timeLogs;
    private final EncounterRepository encounters;
    private final PatientStatusRepository statuses;
    private final ConsentRepository consents;
    private final VisitRequestRepository visitRequests;
    private final ChargeLedger ledger;
    private final EpisodeRules rules;
    private final BillingConfig config;
    private final Clock clock;

    public DecisionService(EpisodeRepository episodes, TimeLogRepository timeLogs, EncounterRepository encounters,
                           PatientStatusRepository statuses, ConsentRepository consents, ChargeLedger ledger,
                           EpisodeRules rules, BillingConfig config, Clock clock,
                           VisitRequestRepository visitRequests) {
        this.visitRequests = visitRequests;
        this.episodes = episodes;
        this.timeLogs = timeLogs;
        this.encounters = encounters;
        this.statuses = statuses;
        this.consents = consents;
        this.ledger = ledger;
        this.rules = rules;
        this.config = config;
        this.clock = clock;
    }

    /** Decides every episode whose window has ended, each in its own transaction; returns how many. */
    public Uni<Integer> closeDue() {
        Instant now = now();
        return Panache.withSession(() -> episodes.findDue(now, config.closeBatchSize())
                        .chain(due -> episodes.findHoldsDue(now, config.closeBatchSize())
                                .map(held -> java.util.stream.Stream.concat(due.stream(), held.stream()).toList())))
                .map(due -> due.stream().map(e -> e.id).distinct().toList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> closeOne(id, now))
                                .onFailure().recoverWithItem(failure -> {
                                    Log.warnf("episode %s could not be decided now (%s); next run retries", id,
                                            failure.getClass().getName());
                                    return false;
                                }))
                        .collect().asList()
                        .map(results -> (int) results.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> closeOne(UUID id, Instant now) {
        return episodes.findById(id).chain(e -> {
            boolean windowEnded = e != null && e.windowEnd != null && !e.windowEnd.isAfter(now)
                    && (e.status == EpisodeStatus.PENDING || e.status == EpisodeStatus.AWAITING_REVIEW);
            boolean holdEnded = e != null && e.status == EpisodeStatus.HELD && e.holdUntil != null
                    && !e.holdUntil.isAfter(now);
            boolean stillDue = windowEnded || holdEnded;
            return stillDue ? decide(e, now, ChargeLedger.SYSTEM).replaceWith(true) : Uni.createFrom().item(false);
        });
    }

    /** Decides one episode now, in the caller's transaction. */
    public Uni<Boolean> decide(Episode episode, Instant now, Caller caller) {
        return facts(episode).chain(facts -> {
            Decision decision = rules.decide(facts, now);
            episode.holdUntil = decision.reason() == Reason.VISIT_REQUESTED ? rules.visitHoldUntil(facts) : null;
            return ledger.apply(episode, decision, now, caller);
        });
    }

    /** Re-evaluates a patient's decided, unsubmitted episodes after a late fact; returns how many changed. */
    public Uni<Integer> reevaluate(String patientId, Caller caller) {
        Instant now = now();
        return episodes.findReevaluable(patientId).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(e -> decide(e, now, caller))
                .collect().asList()
                .map(changed -> (int) changed.stream().filter(Boolean::booleanValue).count()));
    }

    /** The facts the rules need about an episode, from this service's own tables. */
    public Uni<EpisodeFacts> facts(Episode e) {
        return timeLogs.listByEpisode(e.id).chain(logs -> encounters.listByPatient(e.patientId)
                .chain(found -> statuses.findById(e.patientId)
                        .chain(status -> consents.listByPatient(e.patientId)
                                .chain(given -> visitRequests.listByPatient(e.patientId).map(visits -> new EpisodeFacts(e.openedAt, e.windowEnd, e.patientInitiated,
                                        status == null ? null : status.established,
                                        logs.stream().map(DecisionService::entry).toList(),
                                        found.stream().map(x -> new EncounterFact(x.id.toString(), x.date, x.kind,
                                                x.globalPeriodEnd)).toList(),
                                        given.stream().map(c -> new ConsentFact(c.recordedAt, c.textVersion))
                                                .toList(),
                                        visits.stream().map(v -> new VisitRequestFact(v.id, v.requestedAt))
                                                .toList()))))));
    }

    static TimeEntry entry(TimeLog log) {
        return new TimeEntry(log.messageId, log.threadId.toString(), log.clinicianId, log.clinicianRole,
                log.credential, log.minutes, log.clinicalAssessment, log.patientInitiated, log.loggedAt);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
