package org.careline.messaging.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due webhook deliveries. A run claims a batch in a short transaction ({@code FOR UPDATE SKIP LOCKED},
 * then a lease: the next attempt time moves past the request timeout, so another instance neither takes nor
 * resends them meanwhile), sends them concurrently outside any transaction, then records each outcome:
 * DELIVERED on 2xx, else a retry after exponential backoff with jitter, or DEAD after
 * {@code max-attempts} / {@code max-age}. An instance that dies mid-send leaves the lease to expire, and the
 * delivery is sent again with the same {@code webhook-id} (at least once).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final SecretRepository secrets;
    private final SecretCipher cipher;
    private final WebhookSender sender;
    private final DeliveryOutcomes outcomes;
    private final WebhookConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private long timerId = -1;

    public WebhookDispatcher(DeliveryRepository deliveries, SubscriptionRepository subscriptions,
                             SecretRepository secrets, SecretCipher cipher, WebhookSender sender,
                             DeliveryOutcomes outcomes, WebhookConfig config, Clock clock, MeterRegistry registry) {
        this.cipher = cipher;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.sender = sender;
        this.outcomes = outcomes;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        if (!config.dispatcherEnabled()) {
            Log.info("webhook dispatcher disabled on this instance");
            return;
        }
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), timer -> {
            if (stopping || !running.compareAndSet(false, true)) {
                return;
            }
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().deferred(this::drain)
                    .onTermination().invoke(() -> running.set(false))
                    .subscribe().with(sent -> { }, failure -> Log.warnf(
                            "webhook dispatch run failed (%s); deliveries stay queued", failure.getClass().getName())));
        });
    }

    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private Uni<Integer> drain() {
        return dispatchOnce().chain(sent -> sent < config.batchSize() || stopping
                ? Uni.createFrom().item(sent)
                : drain().map(more -> sent + more));
    }

    /** Claims, sends and settles one batch of due deliveries; returns how many were attempted. */
    public Uni<Integer> dispatchOnce() {
        return Panache.withTransaction(this::claim).chain(attempts -> {
            if (attempts.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Settled>> sends = attempts.stream().map(this::send).toList();
            return Uni.join().all(sends).andFailFast()
                    .chain(settled -> Panache.withTransaction(() -> outcomes.record(settled, clock.instant())))
                    .replaceWith(attempts.size());
        });
    }

    private Uni<List<Attempt>> claim() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return deliveries.lockDue(now, config.batchSize()).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(List.<Attempt>of());
            }
            Set<UUID> ids = due.stream().map(d -> d.subscriptionId).collect(Collectors.toSet());
            return subscriptions.list("id in ?1", ids).chain(subs -> secrets.active(ids, now).map(keys -> {
                Map<UUID, WebhookSubscription> byId = subs.stream()
                        .collect(Collectors.toMap(s -> s.id, Function.identity()));
                Map<UUID, List<String>> keysById = keys.stream().map(k -> Map.entry(k.subscriptionId, plain(k)))
                        .filter(e -> e.getValue() != null)
                        .collect(Collectors.groupingBy(Map.Entry::getKey,
                                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
                Instant lease = now.plus(config.connectTimeout()).plus(config.requestTimeout())
                        .plus(Duration.ofSeconds(30));
                return due.stream().map(delivery -> {
                    delivery.attempts++;
                    delivery.lastAttemptAt = now;
                    delivery.nextAttemptAt = lease;
                    return new Attempt(delivery.id, byId.get(delivery.subscriptionId),
                            keysById.getOrDefault(delivery.subscriptionId, List.of()), delivery.payload);
                }).toList();
            }));
        });
    }

    /** The decrypted secret; null (logged by id, never the value) when its key is missing or it does not decrypt. */
    private String plain(WebhookSecret key) {
        try {
            return cipher.open(key);
        } catch (IllegalStateException e) {
            Log.errorf("webhook secret %s of subscription %s cannot sign: %s", key.id, key.subscriptionId,
                    e.getMessage());
            return null;
        }
    }

    private Uni<Settled> send(Attempt attempt) {
        if (attempt.secrets().isEmpty() || attempt.body() == null) {
            return Uni.createFrom().item(new Settled(attempt.deliveryId(), attempt.subscription(),
                    new WebhookSender.Outcome(null, "no-signing-secret", false)));
        }
        long timestamp = clock.instant().getEpochSecond();
        return sender.send(attempt.subscription().targetUrl, attempt.deliveryId().toString(), timestamp,
                        attempt.body(), attempt.secrets())
                .invoke(outcome -> registry.counter("careline.messaging.webhook.attempts",
                        "outcome", outcome.delivered() ? "delivered" : "failed").increment())
                .map(outcome -> new Settled(attempt.deliveryId(), attempt.subscription(), outcome));
    }

    record Attempt(UUID deliveryId, WebhookSubscription subscription, List<String> secrets, String body) {
    }

    /** A sent (or unsendable) delivery and what came of it. */
    public record Settled(UUID deliveryId, WebhookSubscription subscription, WebhookSender.Outcome outcome) {
    }
}
