package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EpisodeRepository implements PanacheRepositoryBase<Episode, UUID> {

    /**
     * A patient's episodes, newest first, optionally of one status and after the episode
     * ({@code afterCreatedAt}, {@code afterId}) when given (keyset pagination), at most {@code size}.
     */
    public Uni<List<Episode>> page(String patientId, EpisodeStatus status, Instant afterCreatedAt, UUID afterId,
                                   int size) {
        StringBuilder query = new StringBuilder("patientId = :patientId");
        Parameters params = Parameters.with("patientId", patientId);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (afterCreatedAt != null && afterId != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", afterCreatedAt).and("id", afterId);
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), params).range(0, size - 1).list();
    }
}
