package org.careline.billing.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.VisitRequest;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.repository.EpisodeRepository;
import org.careline.billing.repository.VisitRequestRepository;
import org.careline.events.MalformedEventException;
import org.careline.events.VisitRequested;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the visits messaging requested from patients' threads. A window in which one was requested is held
 * (VISIT_REQUESTED) until the E/M visit arrives (its time rolls into the visit: EM_VISIT_NEXT_7_DAYS) or the
 * look-ahead passes (decided as usual). A request arriving after a decision re-evaluates the patient's
 * unsubmitted episodes. Must run in a transaction.
 */
@ApplicationScoped
public class VisitRequestService {

    private final VisitRequestRepository requests;
    private final DecisionService decisions;
    private final EpisodeRepository episodes;
    private final Clock clock;

    public VisitRequestService(VisitRequestRepository requests, DecisionService decisions, EpisodeRepository episodes,
                               Clock clock) {
        this.episodes = episodes;
        this.requests = requests;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** Records the request once per visit request id and re-evaluates the patient's decided episodes. */
    public Uni<Void> record(VisitRequested event) {
        VisitRequest request = checked(event);
        return requests.findById(request.id).chain(known -> {
            if (known != null) {
                Log.debugf("visit request %s already recorded", request.id);
                return Uni.createFrom().voidItem();
            }
            return requests.persist(request)
                    .chain(() -> touchUndecided(request))
                    .chain(() -> decisions.reevaluate(request.patientId, ChargeLedger.SYSTEM))
                    .invoke(changed -> Log.infof("visit request %s on thread %s recorded; %d decided episodes changed",
                            request.id, request.threadId, changed))
                    .replaceWithVoid();
        });
    }

    /**
     * The patient's undecided episodes get a new version, so that a decision running concurrently (the scheduler,
     * which read its facts before this request committed) fails its version check and is made again with the
     * request, and this transaction fails (and is retried) if that decision committed first.
     */
    private Uni<Void> touchUndecided(VisitRequest request) {
        return episodes.list("patientId = ?1 and status in ?2", request.patientId,
                        List.of(EpisodeStatus.PENDING, EpisodeStatus.AWAITING_REVIEW))
                .invoke(list -> list.forEach(e -> e.updatedAt = request.receivedAt))
                .chain(() -> episodes.flush()).replaceWithVoid();
    }

    /** The entity to store; an event without what billing keys on is malformed (dead-letter topic). */
    private VisitRequest checked(VisitRequested e) {
        if (blank(e.visitRequestId()) || blank(e.patientId()) || blank(e.careTeam()) || e.source() == null
                || e.visitType() == null || e.reason() == null || e.requestedAt() == null) {
            throw new MalformedEventException("visit-requested event lacks an identifier, code or time");
        }
        VisitRequest r = new VisitRequest();
        try {
            r.threadId = UUID.fromString(e.threadId());
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new MalformedEventException("visit-requested event has no valid thread id");
        }
        r.id = e.visitRequestId();
        r.patientId = e.patientId();
        r.careTeam = e.careTeam();
        r.source = e.source();
        r.visitType = e.visitType();
        r.reason = e.reason();
        r.requestedAt = e.requestedAt().truncatedTo(ChronoUnit.MICROS);
        r.receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return r;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
