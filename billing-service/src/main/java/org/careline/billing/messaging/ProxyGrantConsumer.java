package org.careline.billing.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.service.CaregiverGrantService;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.events.ProxyGrantChanged;
import org.careline.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/**
 * Proxy grant changes from messaging, kept locally so caregivers can consent for the patients they act for.
 * A record that is not a valid event fails and lands on the dead-letter topic; a redelivered event is skipped
 * by the inbox; an older change than the stored one is ignored. Other event types on the topic are ignored.
 */
@ApplicationScoped
public class ProxyGrantConsumer {

    static final String PROXY_GRANT_CHANGED = "billing.proxy-grant-changed";
    private static final int RETRIES = 3;

    private final EventCodec codec;
    private final Inbox inbox;
    private final CaregiverGrantService grants;

    public ProxyGrantConsumer(EventCodec codec, Inbox inbox, CaregiverGrantService grants) {
        this.codec = codec;
        this.inbox = inbox;
        this.grants = grants;
    }

    @Incoming("proxy-grants")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.PROXY_GRANT_CHANGED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ProxyGrantChanged changed = codec.data(event, EventType.PROXY_GRANT_CHANGED, ProxyGrantChanged.class);
        if (changed.grantId() == null || changed.caregiver() == null || changed.patientId() == null
                || changed.scope() == null || changed.expiresAt() == null || changed.changedAt() == null) {
            throw new MalformedEventException("proxy-grant-changed event " + event.id() + " lacks a required field");
        }
        // a concurrent first delivery of the same grant (unique key) rolls back and is retried
        return inbox.once(PROXY_GRANT_CHANGED, event, () -> grants.apply(changed))
                .onFailure(f -> !(f instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(RETRIES)
                .replaceWithVoid();
    }
}
