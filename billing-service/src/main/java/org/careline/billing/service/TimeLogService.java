package org.careline.billing.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.EpisodeThread;
import org.careline.billing.TimeLog;
import org.careline.billing.config.BillingConfig;
import org.careline.billing.repository.EpisodeRepository;
import org.careline.billing.repository.EpisodeThreadRepository;
import org.careline.billing.repository.TimeLogRepository;
import org.careline.billing.rules.EpisodeRules;
import org.careline.billing.rules.TimeEntry;
import org.careline.events.MalformedEventException;
import org.careline.events.TimeLogged;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns logged time into episodes. Time joins the patient's window in the same billing group that covers it
 * (a decided, unsubmitted one is decided again);
 * otherwise the first physician/QHP (or nonphysician) time with a clinical assessment opens a window;
 * other time is kept against the thread's episode awaiting review (a review without assessment starts
 * its clock, so that it closes as non-E/M content if no assessment follows). Must run in a transaction.
 */
@ApplicationScoped
public class TimeLogService {

    private final TimeLogRepository timeLogs;
    private final EpisodeRepository episodes;
    private final EpisodeThreadRepository threads;
    private final ChargeLedger ledger;
    private final DecisionService decisions;
    private final EpisodeRules rules;
    private final BillingConfig config;
    private final Clock clock;

    public TimeLogService(TimeLogRepository timeLogs, EpisodeRepository episodes, EpisodeThreadRepository threads,
                          ChargeLedger ledger, DecisionService decisions, EpisodeRules rules, BillingConfig config,
                          Clock clock) {
        this.timeLogs = timeLogs;
        this.episodes = episodes;
        this.threads = threads;
        this.ledger = ledger;
        this.decisions = decisions;
        this.rules = rules;
        this.config = config;
        this.clock = clock;
    }

    /** Records the time once per message id (a re-sent reply under a new event id changes nothing). */
    public Uni<Void> record(TimeLogged logged) {
        TimeLog log = checked(logged);
        return timeLogs.findById(log.messageId).chain(known -> {
            if (known != null) {
                Log.debugf("time of message %s already recorded", log.messageId);
                return Uni.createFrom().voidItem();
            }
            TimeEntry entry = DecisionService.entry(log);
            return episodes.findCovering(log.patientId, log.billingGroup, log.loggedAt).chain(open -> {
                if (open != null && open.status == EpisodeStatus.PENDING) {
                    return join(open, log, logged);
                }
                if (open != null && (open.status == EpisodeStatus.SUBMITTED || open.status == EpisodeStatus.VOID)) {
                    // late time inside a window already submitted or voided: kept, never a second e-visit
                    Log.infof("message %s falls in %s episode %s: recorded, not re-decided", log.messageId,
                            open.status, open.id);
                    log.episodeId = open.id;
                    return timeLogs.persist(log).replaceWithVoid();
                }
                if (open != null) {
                    // time logged inside a window that was already decided (delivered late): decide it again
                    return join(open, log, logged)
                            .chain(() -> decisions.decide(open, log.receivedAt, ChargeLedger.SYSTEM)).replaceWithVoid();
                }
                if (rules.opensEpisode(entry)) {
                    return open(log, logged);
                }
                return keepAgainstThread(log, entry);
            });
        });
    }

    /** The time falls in an open window: it joins, and so does its thread (leaving any episode awaiting review). */
    private Uni<Void> join(Episode open, TimeLog log, TimeLogged logged) {
        log.episodeId = open.id;
        TimeEntry entry = DecisionService.entry(log);
        if (rules.counts(entry) && log.patientInitiated) {
            open.totalMinutes += log.minutes;
        }
        open.updatedAt = log.receivedAt;
        return timeLogs.persist(log).chain(() -> log.patientInitiated ? linkThread(open, log, logged)
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> linkThread(Episode open, TimeLog log, TimeLogged logged) {
        return threads.listByThread(log.threadId).chain(links -> {
            if (links.stream().anyMatch(l -> l.episodeId.equals(open.id))) {
                return Uni.createFrom().voidItem();
            }
            EpisodeThread latest = links.isEmpty() ? null : links.get(0);
            return (latest == null ? Uni.createFrom().<Episode>nullItem() : episodes.findById(latest.episodeId))
                    .chain(previous -> {
                        if (previous != null && previous.status == EpisodeStatus.AWAITING_REVIEW) {
                            UUID from = previous.id;
                            latest.episodeId = open.id;
                            return threads.flush()
                                    .chain(() -> timeLogs.moveEpisode(from, open.id))
                                    .chain(() -> threads.countByEpisode(from))
                                    .chain(left -> left == 0 ? episodes.deleteById(from).replaceWithVoid()
                                            : Uni.createFrom().voidItem());
                        }
                        return threads.persist(link(open.id, log, logged)).replaceWithVoid();
                    });
        });
    }

    /** The first review with a clinical assessment: the window opens (or, off a care-team thread, is refused at once). */
    private Uni<Void> open(TimeLog log, TimeLogged logged) {
        Instant start = log.loggedAt;
        if (!log.patientInitiated) {
            return refuseCareTeamThread(log, logged);
        }
        return threads.listByThread(log.threadId).chain(links -> (links.isEmpty()
                ? Uni.createFrom().<Episode>nullItem() : episodes.findById(links.get(0).episodeId))
                .chain(awaiting -> {
                    boolean promote = awaiting != null && awaiting.status == EpisodeStatus.AWAITING_REVIEW;
                    Episode episode = promote ? awaiting : newEpisode(log, start, true);
                    episode.status = EpisodeStatus.PENDING;
                    episode.billingGroup = log.billingGroup;
                    episode.openedAt = start;
                    episode.windowEnd = rules.windowEnd(start);
                    episode.totalMinutes = log.minutes;
                    episode.updatedAt = log.receivedAt;
                    log.episodeId = episode.id;
                    Uni<Void> saved = promote ? Uni.createFrom().voidItem()
                            : episodes.persist(episode).chain(() -> threads.persist(link(episode.id, log, logged)))
                            .replaceWithVoid();
                    Log.infof("episode %s opened by message %s until %s", episode.id, log.messageId, episode.windowEnd);
                    return saved.chain(() -> timeLogs.persist(log))
                            .chain(() -> ledger.open(episode, log.receivedAt)).replaceWithVoid();
                }));
    }

    /**
     * Assessed time on a care-team-initiated thread: recorded as an episode decided at once not billable
     * (NOT_PATIENT_INITIATED), one per thread and window, so billers see why the work earned nothing.
     */
    private Uni<Void> refuseCareTeamThread(TimeLog log, TimeLogged logged) {
        return threads.listByThread(log.threadId).chain(links -> (links.isEmpty()
                ? Uni.createFrom().<Episode>nullItem() : episodes.findById(links.get(0).episodeId))
                .chain(previous -> {
                    boolean covers = previous != null && !previous.patientInitiated
                            && !previous.openedAt.isAfter(log.loggedAt) && previous.windowEnd.isAfter(log.loggedAt);
                    Episode episode = covers ? previous : newEpisode(log, log.loggedAt, false);
                    log.episodeId = episode.id;
                    Uni<Void> saved = covers ? Uni.createFrom().voidItem()
                            : episodes.persist(episode).chain(() -> threads.persist(link(episode.id, log, logged)))
                            .replaceWithVoid();
                    return saved.chain(() -> timeLogs.persist(log))
                            .chain(() -> decisions.decide(episode, log.receivedAt, ChargeLedger.SYSTEM))
                            .replaceWithVoid();
                }));
    }

    /** Time that opens nothing: kept against the thread's episode awaiting review, if any. */
    private Uni<Void> keepAgainstThread(TimeLog log, TimeEntry entry) {
        return threads.listByThread(log.threadId).chain(links -> (links.isEmpty()
                ? Uni.createFrom().<Episode>nullItem() : episodes.findById(links.get(0).episodeId))
                .chain(awaiting -> {
                    if (awaiting != null && awaiting.status == EpisodeStatus.AWAITING_REVIEW) {
                        log.episodeId = awaiting.id;
                        if (rules.counts(entry) && awaiting.openedAt == null) {
                            awaiting.openedAt = log.loggedAt;
                            awaiting.windowEnd = rules.windowEnd(log.loggedAt);
                            awaiting.updatedAt = log.receivedAt;
                        }
                    }
                    return timeLogs.persist(log).replaceWithVoid();
                }));
    }

    private Episode newEpisode(TimeLog log, Instant start, boolean patientInitiated) {
        Episode episode = new Episode();
        episode.id = UUID.randomUUID();
        episode.patientId = log.patientId;
        episode.careTeam = log.careTeam;
        episode.billingGroup = log.billingGroup;
        episode.status = EpisodeStatus.PENDING;
        episode.patientInitiated = patientInitiated;
        episode.openedAt = start;
        episode.windowEnd = rules.windowEnd(start);
        episode.totalMinutes = 0;
        episode.createdAt = log.receivedAt;
        episode.updatedAt = log.receivedAt;
        return episode;
    }

    private static EpisodeThread link(UUID episodeId, TimeLog log, TimeLogged logged) {
        EpisodeThread thread = new EpisodeThread();
        thread.id = UUID.randomUUID();
        thread.threadId = log.threadId;
        thread.episodeId = episodeId;
        thread.topic = logged.topic();
        thread.threadOpenedAt = log.loggedAt;
        return thread;
    }

    /** The entity to store; an event without what billing keys on is malformed (dead-letter topic). */
    private TimeLog checked(TimeLogged t) {
        if (blank(t.messageId()) || blank(t.patientId()) || blank(t.careTeam()) || t.clinician() == null
                || blank(t.clinician().userId()) || t.clinician().role() == null || t.loggedAt() == null) {
            throw new MalformedEventException("time-logged event lacks an identifier, clinician or time");
        }
        if (t.minutes() < 1 || t.minutes() > 1440) {
            throw new MalformedEventException("time-logged event has minutes out of range");
        }
        TimeLog log = new TimeLog();
        try {
            log.threadId = UUID.fromString(t.threadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("time-logged event has no valid thread id");
        }
        log.messageId = t.messageId();
        log.patientId = t.patientId();
        log.careTeam = t.careTeam();
        log.billingGroup = config.groupOf(t.careTeam());
        log.clinicianId = t.clinician().userId();
        log.clinicianRole = t.clinician().role().name();
        log.credential = t.clinician().credential();
        log.minutes = t.minutes();
        log.clinicalAssessment = t.clinicalAssessment();
        log.patientInitiated = t.patientInitiated();
        log.topic = t.topic();
        log.loggedAt = t.loggedAt().truncatedTo(ChronoUnit.MICROS);
        log.receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return log;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
