package org.careline.messaging.rest;

import java.util.List;

/** A page of subscriptions; pass {@code nextCursor} as {@code cursor} for the next one. */
public record WebhookSubscriptionPageResponse(List<WebhookSubscriptionResponse> items, String nextCursor) {
}
