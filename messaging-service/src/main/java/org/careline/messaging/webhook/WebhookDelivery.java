package org.careline.messaging.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one subscription. Its id is the {@code webhook-id}: the same on every retry and replay, so
 * the receiver deduplicates on it. The payload is dropped once delivered.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** The JSON body as sent; null once delivered. Holds message text: never log it. */
    @Column
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryState state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    /** A code such as {@code http-500}, {@code timeout}, {@code connection-failed}; never a response body. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
