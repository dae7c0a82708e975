package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.BreakGlassGranted;
import org.careline.messaging.BreakGlassGrant;
import org.careline.messaging.repository.BreakGlassGrantRepository;

import java.time.temporal.ChronoUnit;

/** Keeps the break-the-glass grants announced by audit-service. Call inside the consumer's transaction. */
@ApplicationScoped
public class BreakGlassService {

    private final BreakGlassGrantRepository grants;

    public BreakGlassService(BreakGlassGrantRepository grants) {
        this.grants = grants;
    }

    /** Records a grant; the same grant announced again (another event id) changes nothing. */
    public Uni<Void> record(BreakGlassGranted granted) {
        return grants.findById(granted.grantId()).chain(existing -> {
            if (existing != null) {
                Log.debugf("break-glass grant %s already recorded", granted.grantId());
                return Uni.createFrom().voidItem();
            }
            BreakGlassGrant grant = new BreakGlassGrant();
            grant.grantId = granted.grantId();
            grant.userId = granted.userId();
            grant.patientId = granted.patientId();
            grant.grantedAt = granted.grantedAt().truncatedTo(ChronoUnit.MICROS);
            grant.expiresAt = granted.expiresAt().truncatedTo(ChronoUnit.MICROS);
            return grants.persist(grant)
                    .invoke(() -> Log.infof("break-glass grant %s for user %s recorded", grant.grantId, grant.userId))
                    .replaceWithVoid();
        });
    }
}
