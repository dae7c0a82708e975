package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.ProxyGrant;
import org.careline.messaging.rest.ProxyGrantPageResponse;
import org.careline.messaging.rest.ProxyGrantRequest;
import org.careline.messaging.rest.ProxyGrantResponse;
import org.careline.messaging.service.NewProxyGrant;
import org.careline.messaging.service.ProxyGrantPage;

import java.time.Clock;

/** Maps proxy grants between the API and the service. */
@ApplicationScoped
public class ProxyGrantMapper {

    private final Clock clock;

    public ProxyGrantMapper(Clock clock) {
        this.clock = clock;
    }

    public NewProxyGrant toCommand(ProxyGrantRequest request) {
        return new NewProxyGrant(request.caregiver(), request.patientId(), request.scope(), request.expiresAt());
    }

    public ProxyGrantResponse toResponse(ProxyGrant g) {
        return new ProxyGrantResponse(g.id.toString(), g.caregiver, g.patientId, g.scope, g.expiresAt, g.grantedBy,
                g.createdAt, g.updatedAt, g.revokedAt, g.isLive(clock.instant()));
    }

    public ProxyGrantPageResponse toResponse(ProxyGrantPage page) {
        return new ProxyGrantPageResponse(page.grants().stream().map(this::toResponse).toList(), page.nextCursor());
    }
}
