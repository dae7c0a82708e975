package org.careline.messaging.rest;

import java.util.List;

/** A page of deliveries, newest first; pass {@code nextCursor} as {@code cursor} for the next one. */
public record WebhookDeliveryPageResponse(List<WebhookDeliveryResponse> items, String nextCursor) {
}
