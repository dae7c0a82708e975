package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.BreakGlassGrant;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

@ApplicationScoped
public class BreakGlassGrantRepository implements PanacheRepositoryBase<BreakGlassGrant, String> {

    /** The patients whose threads the user may read under a grant that has not expired at {@code now}. */
    public Uni<Set<String>> livePatientsOf(String userId, Instant now) {
        return list("userId = :userId and expiresAt > :now",
                Parameters.with("userId", userId).and("now", now))
                .map(grants -> {
                    Set<String> patients = new HashSet<>();
                    grants.forEach(g -> patients.add(g.patientId));
                    return Set.copyOf(patients);
                });
    }
}
