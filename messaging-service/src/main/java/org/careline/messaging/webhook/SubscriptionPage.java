package org.careline.messaging.webhook;

import java.util.List;

/** A page of subscriptions and where the next one starts (null: last page). */
public record SubscriptionPage(List<SubscriptionView> items, String nextCursor) {
}
