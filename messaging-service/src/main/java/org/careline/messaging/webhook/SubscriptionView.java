package org.careline.messaging.webhook;

import java.util.List;

/**
 * A subscription with its signing secrets' metadata, and the value of a secret just created (shown once).
 */
public record SubscriptionView(WebhookSubscription subscription, List<WebhookSecret> secrets, String newSecret) {
}
