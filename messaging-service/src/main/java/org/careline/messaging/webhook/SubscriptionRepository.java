package org.careline.messaging.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    /** Subscriptions that still take events (active or paused). */
    public Uni<List<WebhookSubscription>> live() {
        return list("status <> ?1", SubscriptionStatus.DELETED);
    }

    /** Live subscriptions of one client (every client's when null) after the cursor id, by id. */
    public Uni<List<WebhookSubscription>> page(String ownerClient, UUID after, int limit) {
        StringBuilder query = new StringBuilder("status <> :deleted");
        Map<String, Object> params = new HashMap<>();
        params.put("deleted", SubscriptionStatus.DELETED);
        if (ownerClient != null) {
            query.append(" and ownerClient = :owner");
            params.put("owner", ownerClient);
        }
        if (after != null) {
            query.append(" and id > :after");
            params.put("after", after);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }

    /**
     * Whether a client is connected to a care team: one of its live subscriptions covers the team (a subscription
     * without a team covers every team).
     */
    public Uni<Boolean> covers(String ownerClient, String careTeam) {
        return count("ownerClient = ?1 and status <> ?2 and (careTeam is null or careTeam = ?3)", ownerClient,
                SubscriptionStatus.DELETED, careTeam).map(n -> n > 0);
    }

    public Uni<Long> countLive(String ownerClient) {
        return count("ownerClient = ?1 and status <> ?2", ownerClient, SubscriptionStatus.DELETED);
    }
}
