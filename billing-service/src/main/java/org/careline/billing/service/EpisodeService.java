package org.careline.billing.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.EpisodeThread;
import org.careline.billing.config.BillingConfig;
import org.careline.billing.repository.EpisodeRepository;
import org.careline.billing.repository.EpisodeThreadRepository;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.MalformedEventException;
import org.careline.events.ThreadOpened;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * E-visit billing episodes: recorded per patient-initiated thread (awaiting the first physician/QHP review,
 * or joining the patient's open window), read by billing and by the clinicians who did the work. Reads
 * are audited.
 */
@ApplicationScoped
public class EpisodeService {

    static final String RESOURCE = "Episode";

    private final EpisodeRepository episodes;
    private final EpisodeThreadRepository threads;
    private final AuditTrail audit;
    private final BillingConfig config;
    private final Access access;
    private final Clock clock;

    public EpisodeService(EpisodeRepository episodes, EpisodeThreadRepository threads, AuditTrail audit,
                          BillingConfig config, Access access, Clock clock) {
        this.episodes = episodes;
        this.threads = threads;
        this.audit = audit;
        this.config = config;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Must run in a transaction (the consumer's inbox). Only patient-initiated threads can be billed as
     * e-visits; others, and threads already recorded, change nothing.
     */
    public Uni<Void> recordThread(ThreadOpened opened) {
        UUID threadId = checked(opened);
        if (!opened.patientInitiated()) {
            Log.debugf("thread %s was not patient-initiated: no billing episode", threadId);
            return Uni.createFrom().voidItem();
        }
        return threads.listByThread(threadId).chain(known -> !known.isEmpty()
                ? Uni.createFrom().voidItem()
                : episodes.findOpen(opened.patientId(), config.groupOf(opened.careTeam()), openedAt(opened))
                        .chain(open -> open != null ? threads.persist(link(threadId, open.id, opened)).replaceWithVoid()
                                : open(threadId, opened)));
    }

    private Instant openedAt(ThreadOpened opened) {
        return opened.openedAt() != null ? opened.openedAt().truncatedTo(ChronoUnit.MICROS)
                : clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private EpisodeThread link(UUID threadId, UUID episodeId, ThreadOpened opened) {
        EpisodeThread thread = new EpisodeThread();
        thread.id = UUID.randomUUID();
        thread.threadId = threadId;
        thread.episodeId = episodeId;
        thread.topic = opened.topic();
        thread.threadOpenedAt = openedAt(opened);
        return thread;
    }

    private Uni<Void> open(UUID threadId, ThreadOpened opened) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant threadOpenedAt = openedAt(opened);

        Episode episode = new Episode();
        episode.id = UUID.randomUUID();
        episode.patientId = opened.patientId();
        episode.careTeam = opened.careTeam();
        episode.billingGroup = config.groupOf(opened.careTeam());
        episode.status = EpisodeStatus.AWAITING_REVIEW;
        episode.totalMinutes = 0;
        episode.createdAt = threadOpenedAt;
        episode.updatedAt = now;

        EpisodeThread thread = link(threadId, episode.id, opened);

        return episodes.persist(episode)
                .chain(() -> threads.persist(thread))
                .invoke(() -> Log.infof("episode %s awaiting review for thread %s", episode.id, threadId))
                .replaceWithVoid();
    }

    /**
     * A page of a patient's episodes, newest first; a clinician sees only those they logged time on. The
     * query is audited whatever it finds.
     */
    @WithTransaction
    public Uni<EpisodePage> find(Caller caller, EpisodeQuery query) {
        PageCursor after = query.cursor() == null ? null : PageCursor.decode(query.cursor());
        int size = query.limit() != null ? query.limit() : config.defaultPageSize();
        return episodes.page(query.patientId(), query.status(), Access.clinicianScope(caller),
                        after == null ? null : after.createdAt(), after == null ? null : after.id(), size + 1)
                .chain(found -> {
                    List<Episode> page = found.size() > size ? found.subList(0, size) : found;
                    String next = found.size() > size ? cursorAfter(page.get(page.size() - 1)) : null;
                    return threads.listByEpisodes(page.stream().map(e -> e.id).toList())
                            .map(list -> new EpisodePage(page, byEpisode(list), next));
                })
                .call(() -> audit.record(caller, AuditAction.QUERY, RESOURCE, query.auditId(), query.patientId(),
                        AuditOutcome.SUCCESS));
    }

    /** An episode with its rule trace, for billing or a clinician who worked on it; others get empty (404). */
    @WithTransaction
    public Uni<java.util.Optional<Episode>> trace(Caller caller, UUID id) {
        return episodes.findById(id).chain(e -> {
            if (e == null) {
                return Uni.createFrom().item(java.util.Optional.<Episode>empty());
            }
            return access.mayRead(caller, e.id).chain(allowed -> audit.record(caller, AuditAction.READ,
                            RESOURCE + "Trace", id.toString(), e.patientId,
                            allowed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED)
                    .map(ignored -> allowed ? java.util.Optional.of(e) : java.util.Optional.<Episode>empty()));
        });
    }

    private static String cursorAfter(Episode last) {
        return new PageCursor(last.createdAt, last.id).encode();
    }

    private static Map<UUID, List<UUID>> byEpisode(List<EpisodeThread> list) {
        return list.stream().collect(Collectors.groupingBy(t -> t.episodeId,
                Collectors.mapping(t -> t.threadId, Collectors.toList())));
    }

    /** The thread id; an event without the identifiers billing keys on is malformed (dead-letter topic). */
    private static UUID checked(ThreadOpened opened) {
        if (opened.patientId() == null || opened.patientId().isBlank()
                || opened.careTeam() == null || opened.careTeam().isBlank()) {
            throw new MalformedEventException("thread-opened event lacks patient or care team id");
        }
        try {
            return UUID.fromString(opened.threadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("thread-opened event has no valid thread id");
        }
    }
}
