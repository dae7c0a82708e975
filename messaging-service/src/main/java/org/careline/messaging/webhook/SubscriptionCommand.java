package org.careline.messaging.webhook;

import java.util.Set;

/**
 * A subscription as a client asks for it.
 *
 * @param ownerClient the owning OAuth client; only an admin names one (default: the caller's client)
 * @param status      ACTIVE or PAUSED on update; null keeps (or, on create, means ACTIVE)
 */
public record SubscriptionCommand(String ownerClient, String targetUrl, Set<WebhookEventType> events,
                                  String careTeam, String description, SubscriptionStatus status) {
}
