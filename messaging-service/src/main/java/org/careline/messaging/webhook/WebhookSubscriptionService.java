package org.careline.messaging.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.service.AuditedTransactions;
import org.careline.messaging.service.PageCursor;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Manages webhook subscriptions and their secrets (Standard Webhooks {@code whsec_} keys). Every change is
 * audited; a secret's value is returned once, when it is created. Rotation adds a secret and lets the current
 * ones expire after an overlap, during which each delivery carries a signature per secret.
 */
@ApplicationScoped
public class WebhookSubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final SecretRepository secrets;
    private final DeliveryRepository deliveries;
    private final TargetUrlPolicy urls;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final WebhookConfig config;
    private final SecretCipher cipher;
    private final Clock clock;

    public WebhookSubscriptionService(SubscriptionRepository subscriptions, SecretRepository secrets,
                                      DeliveryRepository deliveries, TargetUrlPolicy urls, AuditTrail audit,
                                      AuditedTransactions transactions, WebhookConfig config, SecretCipher cipher,
                                      Clock clock) {
        this.cipher = cipher;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.urls = urls;
        this.audit = audit;
        this.transactions = transactions;
        this.config = config;
        this.clock = clock;
    }

    public Uni<SubscriptionView> create(Caller caller, SubscriptionCommand command) {
        String owner = owner(caller, command.ownerClient());
        urls.check(command.targetUrl());
        return transactions.run(caller, () -> subscriptions.countLive(owner).chain(count -> {
            if (count >= config.maxSubscriptionsPerClient()) {
                throw ProblemException.conflict("This client already has the most subscriptions allowed.");
            }
            Instant now = now();
            WebhookSubscription subscription = new WebhookSubscription();
            subscription.id = UUID.randomUUID();
            subscription.ownerClient = owner;
            subscription.createdBy = caller.userId();
            subscription.createdAt = now;
            apply(subscription, command, now);
            subscription.status = command.status() == null ? SubscriptionStatus.ACTIVE : command.status();
            String plain = WebhookSignature.newSecret();
            WebhookSecret secret = secret(subscription.id, plain, now);
            return subscriptions.persist(subscription)
                    .chain(() -> secrets.persist(secret))
                    .chain(() -> audited(caller, AuditAction.CREATE, subscription))
                    .invoke(() -> Log.infof("webhook subscription %s created for client %s by %s", subscription.id,
                            owner, caller.userId()))
                    .replaceWith(() -> new SubscriptionView(subscription, List.of(secret), plain));
        }));
    }

    public Uni<SubscriptionPage> list(Caller caller, String cursor, Integer limit) {
        String scope = WebhookAccess.scope(caller);
        UUID after = cursor == null ? null : PageCursor.decode(cursor).id();
        int size = limit == null ? 50 : limit;
        return transactions.run(caller, () -> subscriptions.page(scope, after, size + 1).chain(page -> {
            List<WebhookSubscription> items = page.size() > size ? page.subList(0, size) : page;
            String next = page.size() > size ? new PageCursor(Instant.EPOCH, items.get(size - 1).id).encode() : null;
            return secrets.active(items.stream().map(s -> s.id).toList(), now())
                    .call(() -> audit.record(caller, AuditAction.QUERY, WebhookAccess.RESOURCE, null, null,
                            AuditOutcome.SUCCESS))
                    .map(keys -> new SubscriptionPage(items.stream().map(s -> new SubscriptionView(s,
                            keys.stream().filter(k -> k.subscriptionId.equals(s.id)).toList(), null)).toList(), next));
        }));
    }

    public Uni<SubscriptionView> find(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible(caller, id, AuditAction.READ)
                .call(found -> audited(caller, AuditAction.READ, found))
                .chain(this::view));
    }

    public Uni<SubscriptionView> update(Caller caller, UUID id, SubscriptionCommand command) {
        if (command.ownerClient() != null) {
            throw ProblemException.badRequest("The owning client of a subscription cannot change.");
        }
        if (command.status() == SubscriptionStatus.DELETED) {
            throw ProblemException.badRequest("status is ACTIVE or PAUSED; DELETE removes a subscription.");
        }
        urls.check(command.targetUrl());
        return transactions.run(caller, () -> visible(caller, id, AuditAction.UPDATE).chain(found -> {
            apply(found, command, now());
            if (command.status() != null) {
                found.status = command.status();
            }
            return audited(caller, AuditAction.UPDATE, found).chain(() -> view(found));
        }));
    }

    /** Stops every delivery to the subscription; its undelivered ones go DEAD (payload dropped). */
    public Uni<Void> delete(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible(caller, id, AuditAction.DELETE).chain(found -> {
            found.status = SubscriptionStatus.DELETED;
            found.updatedAt = now();
            return deliveries.abandon(found.id)
                    .chain(() -> audited(caller, AuditAction.DELETE, found))
                    .invoke(() -> Log.infof("webhook subscription %s deleted by %s", found.id, caller.userId()));
        }));
    }

    /**
     * A new secret, signing at once; the current ones keep signing for {@code overlap} (default
     * {@code rotation-overlap}; zero retires them now), so the receiver can switch without missing a delivery.
     */
    public Uni<SubscriptionView> rotate(Caller caller, UUID id, Duration overlap) {
        Duration keep = overlap == null ? config.rotationOverlap() : overlap;
        if (keep.isNegative() || keep.compareTo(config.maxRotationOverlap()) > 0) {
            throw ProblemException.badRequest("expireCurrentAfter must be between PT0S and "
                    + config.maxRotationOverlap() + ".");
        }
        return transactions.run(caller, () -> visible(caller, id, AuditAction.UPDATE).chain(found -> {
            Instant now = now();
            Instant retire = now.plus(keep);
            String plain = WebhookSignature.newSecret();
            WebhookSecret fresh = secret(found.id, plain, now);
            return secrets.active(List.of(found.id), now).invoke(current -> current.forEach(old -> {
                        if (old.expiresAt == null || old.expiresAt.isAfter(retire)) {
                            old.expiresAt = retire;
                        }
                    }))
                    .chain(() -> secrets.persist(fresh))
                    .chain(() -> audited(caller, AuditAction.UPDATE, found))
                    .invoke(() -> Log.infof("webhook subscription %s: secret %s added by %s", found.id, fresh.id,
                            caller.userId()))
                    .chain(() -> secrets.active(List.of(found.id), now))
                    .map(keys -> new SubscriptionView(found, keys, plain));
        }));
    }

    /** The subscription if the caller may manage it (404 otherwise, audited). */
    Uni<WebhookSubscription> visible(Caller caller, UUID id, AuditAction action) {
        return subscriptions.findById(id).map(found -> WebhookAccess.check(caller, found, id.toString(), action));
    }

    private Uni<SubscriptionView> view(WebhookSubscription subscription) {
        return secrets.active(List.of(subscription.id), now()).map(keys -> new SubscriptionView(subscription, keys, null));
    }

    private Uni<Void> audited(Caller caller, AuditAction action, WebhookSubscription subscription) {
        return audit.record(caller, action, WebhookAccess.RESOURCE, subscription.id.toString(), null,
                AuditOutcome.SUCCESS);
    }

    private static String owner(Caller caller, String requested) {
        String scope = WebhookAccess.scope(caller);
        if (scope == null) {
            if (requested == null || requested.isBlank()) {
                throw ProblemException.badRequest("An admin names the ownerClient (the EHR's OAuth client id).");
            }
            return requested;
        }
        if (requested != null && !requested.equals(scope)) {
            throw ProblemException.badRequest("Only an admin may name another ownerClient.");
        }
        return scope;
    }

    private static void apply(WebhookSubscription subscription, SubscriptionCommand command, Instant now) {
        subscription.targetUrl = command.targetUrl();
        subscription.events(command.events());
        subscription.careTeam = command.careTeam();
        subscription.description = command.description();
        subscription.updatedAt = now;
    }

    /** A secret row holding {@code plain} encrypted with the active key. */
    private WebhookSecret secret(UUID subscriptionId, String plain, Instant now) {
        WebhookSecret secret = new WebhookSecret();
        secret.id = UUID.randomUUID();
        secret.subscriptionId = subscriptionId;
        SecretCipher.Sealed sealed = cipher.seal(secret.id, plain);
        secret.secret = sealed.text();
        secret.keyId = sealed.keyId();
        secret.createdAt = now;
        return secret;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
