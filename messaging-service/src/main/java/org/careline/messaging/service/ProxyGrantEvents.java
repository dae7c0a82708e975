package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EventType;
import org.careline.events.ProxyGrantChanged;
import org.careline.messaging.ProxyGrant;
import org.careline.platform.outbox.Outbox;

/**
 * Announces each proxy grant change ({@code proxy-grant-changed}) through the outbox, in the caller's
 * transaction. Subject: grant id; key: patient id, so the changes of one patient's grants stay ordered.
 */
@ApplicationScoped
public class ProxyGrantEvents {

    private final Outbox outbox;

    public ProxyGrantEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> changed(ProxyGrant grant) {
        ProxyGrantChanged changed = new ProxyGrantChanged(grant.id.toString(), grant.caregiver, grant.patientId,
                grant.scope.name(), grant.expiresAt, grant.revokedAt, grant.updatedAt);
        return outbox.append(EventType.PROXY_GRANT_CHANGED, grant.id.toString(), grant.patientId, changed)
                .replaceWithVoid();
    }
}
