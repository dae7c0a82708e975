package org.careline.messaging.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SecretRepository implements PanacheRepositoryBase<WebhookSecret, UUID> {

    /** Every secret (expired ones included) not encrypted with {@code keyId}. */
    public Uni<List<WebhookSecret>> notUnderKey(String keyId) {
        return list("keyId is null or keyId <> ?1", keyId);
    }

    /** The secrets of these subscriptions that still sign at {@code now}, oldest first. */
    public Uni<List<WebhookSecret>> active(Collection<UUID> subscriptionIds, Instant now) {
        if (subscriptionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("subscriptionId in ?1 and (expiresAt is null or expiresAt > ?2) order by createdAt, id",
                subscriptionIds, now);
    }
}
