package org.careline.messaging.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An EHR vendor's subscription to thread events: where to send them, which ones, for which care team. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    public UUID id;

    /** The OAuth client ({@code azp}) that owns the subscription. */
    @Column(name = "owner_client", nullable = false)
    public String ownerClient;

    @Column(name = "target_url", nullable = false)
    public String targetUrl;

    /** Comma-separated {@link WebhookEventType} wire names. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    /** Only threads of this care team; null for every team. */
    @Column(name = "care_team")
    public String careTeam;

    @Column
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Set<WebhookEventType> events() {
        return Arrays.stream(eventTypes.split(",")).map(WebhookEventType::fromWire)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(WebhookEventType.class)));
    }

    public void events(Set<WebhookEventType> types) {
        eventTypes = types.stream().sorted().map(WebhookEventType::wire).collect(Collectors.joining(","));
    }

    /** Whether an event of this type about a thread of this team goes to this subscription. */
    public boolean wants(WebhookEventType type, String team) {
        return status != SubscriptionStatus.DELETED && events().contains(type)
                && (careTeam == null || careTeam.equals(team));
    }
}
