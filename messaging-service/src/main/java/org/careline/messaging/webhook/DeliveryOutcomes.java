package org.careline.messaging.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Settles sent deliveries in one transaction: DELIVERED (payload dropped), a retry later, or DEAD. Every
 * attempt whose body may have reached the receiver is a disclosure of PHI to the EHR and is audited
 * ({@code EXPORT} of the {@code Communication}, the subscription's client as the recipient): SUCCESS when it
 * answered 2xx, FAILED otherwise. Attempts that never connected disclosed nothing and are not audited.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    /** HL7 v3 PurposeOfUse of a copy sent to the EHR for its record. */
    static final String RECORDS_MANAGEMENT = "RECORDMGT";
    static final String COMMUNICATION = "Communication";

    private final DeliveryRepository deliveries;
    private final AuditTrail audit;
    private final WebhookConfig config;
    private final MeterRegistry registry;

    public DeliveryOutcomes(DeliveryRepository deliveries, AuditTrail audit, WebhookConfig config,
                            MeterRegistry registry) {
        this.deliveries = deliveries;
        this.audit = audit;
        this.config = config;
        this.registry = registry;
    }

    public Uni<Void> record(List<WebhookDispatcher.Settled> settled, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WebhookDispatcher.Settled one : settled) {
            chain = chain.chain(() -> deliveries.findById(one.deliveryId())
                    .chain(delivery -> delivery == null || delivery.state != DeliveryState.PENDING
                            ? Uni.createFrom().voidItem() : settle(delivery, one, now)));
        }
        return chain;
    }

    private Uni<Void> settle(WebhookDelivery delivery, WebhookDispatcher.Settled settled, Instant now) {
        WebhookSender.Outcome outcome = settled.outcome();
        delivery.lastStatus = outcome.status();
        delivery.lastError = outcome.error();
        if (outcome.delivered()) {
            delivery.state = DeliveryState.DELIVERED;
            delivery.deliveredAt = now;
            delivery.payload = null;
        } else if (delivery.attempts >= config.maxAttempts()
                || !now.isBefore(delivery.createdAt.plus(config.maxAge()))) {
            delivery.state = DeliveryState.DEAD;
            registry.counter("careline.messaging.webhook.dead").increment();
        } else {
            delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
        }
        Log.infof("webhook delivery %s (subscription %s) attempt %d: %s", delivery.id, delivery.subscriptionId,
                delivery.attempts, outcome.delivered() ? "delivered" : outcome.error() + ", now " + delivery.state);
        if (!outcome.reached()) {
            return Uni.createFrom().voidItem();
        }
        String resourceId = (delivery.messageId != null ? delivery.messageId : delivery.threadId).toString();
        return audit.record(recipient(settled.subscription()), AuditAction.EXPORT, COMMUNICATION, resourceId,
                delivery.patientId, outcome.delivered() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                RECORDS_MANAGEMENT);
    }

    private Duration backoff(int attempts) {
        return new Backoff(config.initialBackoff(), config.maxBackoff())
                .after(attempts, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The service sending on behalf of the subscription; the client is who receives the data. */
    private static Caller recipient(WebhookSubscription subscription) {
        return new Caller("messaging-service", "webhook-subscription:" + subscription.id, Set.of(), null, null,
                null, Set.of(), subscription.ownerClient, null, null);
    }
}
