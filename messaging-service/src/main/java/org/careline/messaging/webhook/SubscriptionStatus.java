package org.careline.messaging.webhook;

/**
 * ACTIVE subscriptions get events and deliveries; PAUSED ones get events queued but not sent until resumed;
 * DELETED ones get nothing more (their undelivered deliveries go DEAD).
 */
public enum SubscriptionStatus {
    ACTIVE, PAUSED, DELETED
}
