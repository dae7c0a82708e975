package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.rest.WebhookDeliveryPageResponse;
import org.careline.messaging.rest.WebhookDeliveryResponse;
import org.careline.messaging.rest.WebhookSecretInfo;
import org.careline.messaging.rest.WebhookSubscriptionPageResponse;
import org.careline.messaging.rest.WebhookSubscriptionRequest;
import org.careline.messaging.rest.WebhookSubscriptionResponse;
import org.careline.messaging.webhook.DeliveryPage;
import org.careline.messaging.webhook.SubscriptionCommand;
import org.careline.messaging.webhook.SubscriptionPage;
import org.careline.messaging.webhook.SubscriptionStatus;
import org.careline.messaging.webhook.SubscriptionView;
import org.careline.messaging.webhook.WebhookDelivery;
import org.careline.messaging.webhook.WebhookEventType;
import org.careline.messaging.webhook.WebhookSubscription;
import org.careline.platform.problem.ProblemException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Webhook subscriptions and deliveries between the API's records and the service's types. */
@ApplicationScoped
public class WebhookMapper {

    public SubscriptionCommand toCommand(WebhookSubscriptionRequest request) {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String type : request.eventTypes()) {
            try {
                events.add(WebhookEventType.fromWire(type));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "unknown-event-type", "Bad Request", "eventTypes may contain only "
                        + Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wire)
                        .collect(Collectors.joining(", ")) + ".");
            }
        }
        return new SubscriptionCommand(request.ownerClient(), request.targetUrl(), events, request.careTeam(),
                request.description(), request.status() == null ? null : SubscriptionStatus.valueOf(request.status()));
    }

    public WebhookSubscriptionResponse toResponse(SubscriptionView view) {
        WebhookSubscription s = view.subscription();
        return new WebhookSubscriptionResponse(s.id.toString(), s.ownerClient, s.targetUrl,
                s.events().stream().map(WebhookEventType::wire).toList(), s.careTeam, s.description, s.status.name(),
                s.createdBy, s.createdAt, s.updatedAt,
                view.secrets().stream().map(k -> new WebhookSecretInfo(k.id.toString(), k.createdAt, k.expiresAt)).toList(),
                view.newSecret());
    }

    public WebhookSubscriptionPageResponse toResponse(SubscriptionPage page) {
        return new WebhookSubscriptionPageResponse(page.items().stream().map(this::toResponse).toList(),
                page.nextCursor());
    }

    public WebhookDeliveryResponse toResponse(WebhookDelivery d) {
        return new WebhookDeliveryResponse(d.id.toString(), d.subscriptionId.toString(), d.eventType,
                d.threadId.toString(), Objects.toString(d.messageId, null), d.state.name(), d.attempts, d.nextAttemptAt,
                d.lastAttemptAt, d.lastStatus, d.lastError, d.deliveredAt, d.createdAt);
    }

    public WebhookDeliveryPageResponse toResponse(DeliveryPage page) {
        return new WebhookDeliveryPageResponse(page.items().stream().map(this::toResponse).toList(), page.nextCursor());
    }
}
