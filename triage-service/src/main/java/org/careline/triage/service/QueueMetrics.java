package org.careline.triage.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.Urgency;
import org.careline.triage.QueueItem;
import org.careline.triage.repository.QueueItemRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue metrics with labels {@code queue} and {@code urgency} only (no patient, thread or care-team ids):
 * {@code careline_triage_queue_depth} (open items), {@code careline_triage_queue_oldest_age_seconds}
 * (age of the oldest open item), {@code careline_triage_queue_overdue} (open items past due) and the
 * counter {@code careline_triage_queue_breaches_total} (items escalated as overdue).
 */
@ApplicationScoped
public class QueueMetrics {

    private record Key(String queue, Urgency urgency) {
    }

    private final MeterRegistry registry;
    private final QueueItemRepository items;
    private final Clock clock;
    private final Map<Key, AtomicLong> depth = new ConcurrentHashMap<>();
    private final Map<Key, AtomicLong> oldest = new ConcurrentHashMap<>();
    private final Map<Key, AtomicLong> overdue = new ConcurrentHashMap<>();

    public QueueMetrics(MeterRegistry registry, QueueItemRepository items, Clock clock) {
        this.registry = registry;
        this.items = items;
        this.clock = clock;
    }

    public void breach(QueueItem item) {
        Counter.builder("careline.triage.queue.breaches").description("Queue items escalated as overdue")
                .tags(tags(new Key(item.queue, item.urgency))).register(registry).increment();
    }

    /** Recomputes the gauges from the open items. */
    public Uni<Void> refresh(Object ignored) {
        return Panache.withSession(items::allOpen).invoke(this::update).replaceWithVoid();
    }

    void update(List<QueueItem> open) {
        Instant now = clock.instant();
        Map<Key, long[]> seen = new HashMap<>();
        for (QueueItem item : open) {
            long[] v = seen.computeIfAbsent(new Key(item.queue, item.urgency), k -> new long[3]);
            v[0]++;
            v[1] = Math.max(v[1], Duration.between(item.createdAt, now).toSeconds());
            if (item.dueAt.isBefore(now)) {
                v[2]++;
            }
        }
        depth.keySet().forEach(k -> seen.putIfAbsent(k, new long[3]));
        seen.forEach((key, v) -> {
            gauge(depth, "careline.triage.queue.depth", "Open queue items", key).set(v[0]);
            gauge(oldest, "careline.triage.queue.oldest.age.seconds", "Age of the oldest open item", key).set(v[1]);
            gauge(overdue, "careline.triage.queue.overdue", "Open items past their due time", key).set(v[2]);
        });
    }

    private AtomicLong gauge(Map<Key, AtomicLong> map, String name, String description, Key key) {
        return map.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::doubleValue)
                    .description(description).tags(tags(k)).register(registry);
            return value;
        });
    }

    private static Tags tags(Key key) {
        return Tags.of("queue", key.queue(), "urgency", key.urgency().name());
    }
}
