package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Charge;
import org.careline.billing.ChargeStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChargeRepository implements PanacheRepositoryBase<Charge, UUID> {

    public Uni<Charge> findByEpisode(UUID episodeId) {
        return find("episodeId", episodeId).firstResult();
    }

    /**
     * Charges newest first, optionally of one status, one patient, or only those whose episode the clinician
     * worked on; keyset-paginated after ({@code afterCreatedAt}, {@code afterId}).
     */
    public Uni<List<Charge>> page(ChargeStatus status, String patientId, String clinicianId, Instant afterCreatedAt,
                                  UUID afterId, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (patientId != null) {
            query.append(" and patientId = :patientId");
            params.and("patientId", patientId);
        }
        if (clinicianId != null) {
            query.append(" and episodeId in (select t.episodeId from TimeLog t where t.clinicianId = :clinician)");
            params.and("clinician", clinicianId);
        }
        if (afterCreatedAt != null && afterId != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", afterCreatedAt).and("id", afterId);
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), params).range(0, size - 1).list();
    }
}
