package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.ProxyGrant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProxyGrantRepository implements PanacheRepositoryBase<ProxyGrant, UUID> {

    /** The caregiver's grants that are neither revoked nor expired at {@code now}. */
    public Uni<List<ProxyGrant>> liveFor(String caregiver, Instant now) {
        return list("caregiver = :caregiver and revokedAt is null and expiresAt > :now",
                Parameters.with("caregiver", caregiver).and("now", now));
    }

    /** The patient's grants that are neither revoked nor expired at {@code now}. */
    public Uni<List<ProxyGrant>> liveForPatient(String patientId, Instant now) {
        return list("patientId = :patientId and revokedAt is null and expiresAt > :now",
                Parameters.with("patientId", patientId).and("now", now));
    }

    /** Grants by optional patient and caregiver, newest first, after the keyset cursor when given. */
    public Uni<List<ProxyGrant>> page(String patientId, String caregiver, Instant afterCreatedAt, UUID afterId,
                                      int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (patientId != null) {
            query.append(" and patientId = :patientId");
            params.and("patientId", patientId);
        }
        if (caregiver != null) {
            query.append(" and caregiver = :caregiver");
            params.and("caregiver", caregiver);
        }
        if (afterCreatedAt != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", afterCreatedAt).and("id", afterId);
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), params).range(0, limit - 1).list();
    }
}
