package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EscalationReason;
import org.careline.triage.QueueItem;
import org.careline.triage.config.TriageConfig;
import org.careline.triage.repository.QueueItemRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Finds open items past their due time and escalates each exactly once: its priority goes up one step,
 * it moves to the configured escalation pool (if any) and {@code thread-escalated} with reason OVERDUE is
 * written to the outbox in the same transaction. The once-only guard is a conditional update, so two
 * instances (or two runs) never escalate the same item twice. Also refreshes the queue metrics.
 */
@ApplicationScoped
public class OverdueEscalator {

    private static final int BATCH = 100;

    private final QueueItemRepository items;
    private final TriageEvents events;
    private final QueueChangeLog changes;
    private final QueueMetrics metrics;
    private final TriageConfig config;
    private final Clock clock;

    public OverdueEscalator(QueueItemRepository items, TriageEvents events, QueueChangeLog changes, QueueMetrics metrics,
                            TriageConfig config, Clock clock) {
        this.items = items;
        this.events = events;
        this.changes = changes;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${careline.triage.overdue.every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return escalateOverdue().chain(metrics::refresh).replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("overdue escalation failed: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** Escalates up to one batch of overdue items; returns the ones this call escalated. */
    public Uni<List<QueueItem>> escalateOverdue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> items.overdueNotEscalated(now, BATCH)
                        .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                        .onItem().transformToUniAndConcatenate(item -> escalate(item, now))
                        .filter(Objects::nonNull)
                        .collect().asList())
                .invoke(escalated -> escalated.forEach(item -> {
                    metrics.breach(item);
                    Log.infof("queue item %s of thread %s overdue: escalated in %s/%s", item.id, item.threadId,
                            item.careTeam, item.queue);
                }));
    }

    private Uni<QueueItem> escalate(QueueItem item, Instant now) {
        int priority = Math.max(1, item.priority - 1);
        String queue = config.overdue().escalationPool().filter(p -> !p.isBlank()).orElse(item.queue);
        return items.update("overdueEscalatedAt = ?1, priority = ?2, queue = ?3, updatedAt = ?1 "
                        + "where id = ?4 and overdueEscalatedAt is null", now, priority, queue, item.id)
                .chain(updated -> {
                    if (updated == 0) {
                        return Uni.createFrom().nullItem(); // another run got there first
                    }
                    item.overdueEscalatedAt = now;
                    item.priority = priority;
                    item.queue = queue;
                    item.updatedAt = now;
                    return events.threadEscalated(item, item.lastMessageId, EscalationReason.OVERDUE, now)
                            .call(() -> changes.append(QueueChange.of("ESCALATED", item, now), null))
                            .replaceWith(item);
                });
    }
}
