package org.careline.billing.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.CaregiverGrant;
import org.careline.billing.repository.CaregiverGrantRepository;
import org.careline.events.ProxyGrantChanged;
import org.careline.platform.security.Caller;

import java.time.Clock;

/** The local copy of caregivers' proxy grants, and the question billing asks of it. */
@ApplicationScoped
public class CaregiverGrantService {

    private final CaregiverGrantRepository grants;
    private final Clock clock;

    public CaregiverGrantService(CaregiverGrantRepository grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    /**
     * Keeps the newest state of the grant: an event whose {@code changedAt} is not newer than the stored one
     * (a redelivered or reordered older change) is ignored, so it cannot resurrect a revoked grant.
     */
    public Uni<Void> apply(ProxyGrantChanged changed) {
        return grants.findById(changed.grantId()).chain(stored -> {
            if (stored != null && !changed.changedAt().isAfter(stored.changedAt)) {
                Log.debugf("proxy grant %s: ignored an older change", changed.grantId());
                return Uni.createFrom().voidItem();
            }
            CaregiverGrant grant = stored != null ? stored : new CaregiverGrant();
            grant.grantId = changed.grantId();
            grant.caregiver = changed.caregiver();
            grant.patientId = changed.patientId();
            grant.scope = changed.scope();
            grant.expiresAt = changed.expiresAt();
            grant.revokedAt = changed.revokedAt();
            grant.changedAt = changed.changedAt();
            Log.infof("proxy grant %s stored (revoked=%s)", grant.grantId, grant.revokedAt != null);
            return stored != null ? Uni.createFrom().voidItem() : grants.persist(grant).replaceWithVoid();
        });
    }

    /** Whether the caller, a caregiver, holds a live READ_WRITE grant for {@code patientId} now. */
    public Uni<Boolean> mayActFor(Caller caller, String patientId) {
        if (caller.username() == null || patientId == null) {
            return Uni.createFrom().item(false);
        }
        return grants.listFor(caller.username(), patientId)
                .map(list -> list.stream().anyMatch(g -> g.allowsActingAt(clock.instant())));
    }
}
