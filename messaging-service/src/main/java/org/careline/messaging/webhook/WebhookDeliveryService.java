package org.careline.messaging.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.service.AuditedTransactions;
import org.careline.messaging.service.PageCursor;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A subscription's deliveries (metadata only: never the payload) and the replay of dead ones: a replayed
 * delivery is queued again with its attempts reset and the same {@code webhook-id}.
 */
@ApplicationScoped
public class WebhookDeliveryService {

    static final String RESOURCE = "WebhookDelivery";
    private static final String NOT_FOUND = "No delivery with this id in this subscription.";

    private final WebhookSubscriptionService subscriptions;
    private final DeliveryRepository deliveries;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final Clock clock;

    public WebhookDeliveryService(WebhookSubscriptionService subscriptions, DeliveryRepository deliveries,
                                  AuditTrail audit, AuditedTransactions transactions, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Uni<DeliveryPage> list(Caller caller, UUID subscriptionId, DeliveryState state, String cursor, Integer limit) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        int size = limit == null ? 50 : limit;
        return transactions.run(caller, () -> subscriptions.visible(caller, subscriptionId, AuditAction.QUERY)
                .chain(found -> deliveries.page(found.id, state, after == null ? null : after.updatedAt(),
                        after == null ? null : after.id(), size + 1))
                .call(() -> audit.record(caller, AuditAction.QUERY, RESOURCE, subscriptionId.toString(), null,
                        AuditOutcome.SUCCESS))
                .map(page -> {
                    List<WebhookDelivery> items = page.size() > size ? page.subList(0, size) : page;
                    String next = page.size() > size
                            ? new PageCursor(items.get(size - 1).createdAt, items.get(size - 1).id).encode() : null;
                    return new DeliveryPage(items, next);
                }));
    }

    /** Queues a DEAD delivery again (409 if it is not dead). */
    public Uni<WebhookDelivery> replay(Caller caller, UUID subscriptionId, UUID deliveryId) {
        return transactions.run(caller, () -> subscriptions.visible(caller, subscriptionId, AuditAction.UPDATE)
                .chain(found -> deliveries.findById(deliveryId))
                .chain(delivery -> {
                    if (delivery == null || !delivery.subscriptionId.equals(subscriptionId)) {
                        throw ProblemException.notFound(NOT_FOUND);
                    }
                    if (delivery.state != DeliveryState.DEAD || delivery.payload == null) {
                        throw ProblemException.conflict("Only a dead delivery can be replayed.");
                    }
                    delivery.state = DeliveryState.PENDING;
                    delivery.attempts = 0;
                    delivery.nextAttemptAt = now();
                    return audit.record(caller, AuditAction.UPDATE, RESOURCE, deliveryId.toString(),
                                    delivery.patientId, AuditOutcome.SUCCESS)
                            .invoke(() -> Log.infof("webhook delivery %s replayed by %s", deliveryId, caller.userId()))
                            .replaceWith(delivery);
                }));
    }

    /** Queues every DEAD delivery of the subscription again; returns how many. */
    public Uni<Integer> replayAll(Caller caller, UUID subscriptionId) {
        return transactions.run(caller, () -> subscriptions.visible(caller, subscriptionId, AuditAction.UPDATE)
                .chain(found -> deliveries.replayDead(found.id, now()))
                .call(count -> audit.record(caller, AuditAction.UPDATE, RESOURCE, subscriptionId.toString(), null,
                        AuditOutcome.SUCCESS))
                .invoke(count -> Log.infof("%d dead webhook deliveries of subscription %s replayed by %s", count,
                        subscriptionId, caller.userId())));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
