package org.careline.messaging.webhook;

import java.util.List;

/** A page of deliveries, newest first, and where the next one starts (null: last page). */
public record DeliveryPage(List<WebhookDelivery> items, String nextCursor) {
}
