package org.careline.messaging.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /**
     * Due deliveries of active subscriptions, locked so that other dispatchers skip them. Must run inside a
     * transaction; the caller pushes their next attempt time forward (a lease) before committing.
     */
    @SuppressWarnings("unchecked")
    public Uni<List<WebhookDelivery>> lockDue(Instant now, int limit) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select d.* from webhook_delivery d join webhook_subscription s"
                        + " on s.id = d.subscription_id where d.state = 'PENDING' and d.next_attempt_at <= :now"
                        + " and s.status = 'ACTIVE' order by d.next_attempt_at limit :limit for update of d skip locked",
                        WebhookDelivery.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** A subscription's deliveries, newest first, optionally in one state, after the cursor position. */
    public Uni<List<WebhookDelivery>> page(UUID subscriptionId, DeliveryState state, Instant afterCreatedAt,
                                           UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("subscriptionId = :subscription");
        Map<String, Object> params = new HashMap<>();
        params.put("subscription", subscriptionId);
        if (state != null) {
            query.append(" and state = :state");
            params.put("state", state);
        }
        if (afterCreatedAt != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            params.put("createdAt", afterCreatedAt);
            params.put("id", afterId);
        }
        return find(query + " order by createdAt desc, id desc", params).page(0, limit).list();
    }

    /** Re-queues every DEAD delivery of the subscription; returns how many. */
    public Uni<Integer> replayDead(UUID subscriptionId, Instant now) {
        return update("state = ?1, attempts = 0, nextAttemptAt = ?2 where subscriptionId = ?3 and state = ?4 and payload is not null",
                DeliveryState.PENDING, now, subscriptionId, DeliveryState.DEAD);
    }

    /** A deleted subscription's undelivered deliveries are dead. */
    public Uni<Integer> abandon(UUID subscriptionId) {
        return update("state = ?1, payload = null, lastError = 'subscription-deleted' where subscriptionId = ?2 and state = ?3",
                DeliveryState.DEAD, subscriptionId, DeliveryState.PENDING);
    }
}
