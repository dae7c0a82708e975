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
     * ({@code afterCreatedAt}, {@code afterId}) when given (keyset pagination), at most {@code size}; with a
     * clinician id, only the episodes that clinician logged time on.
     */
    public Uni<List<Episode>> page(String patientId, EpisodeStatus status, String clinicianId, Instant afterCreatedAt,
                                   UUID afterId, int size) {
        StringBuilder query = new StringBuilder("patientId = :patientId");
        Parameters params = Parameters.with("patientId", patientId);
        if (clinicianId != null) {
            query.append(" and id in (select t.episodeId from TimeLog t where t.clinicianId = :clinician)");
            params.and("clinician", clinicianId);
        }
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

    /** The patient's open (PENDING) episode in {@code group} whose window covers {@code at}, if any. */
    public Uni<Episode> findOpen(String patientId, String group, Instant at) {
        return find("patientId = ?1 and billingGroup = ?2 and status = ?3 and openedAt <= ?4 and windowEnd > ?4"
                + " order by openedAt", patientId, group, EpisodeStatus.PENDING, at).firstResult();
    }

    /**
     * The patient's patient-initiated episode in {@code group} whose window covers {@code at}, whatever its
     * status (one e-visit per 7-day window: late time never opens a second one). Null when none.
     */
    public Uni<Episode> findCovering(String patientId, String group, Instant at) {
        return find("patientId = ?1 and billingGroup = ?2 and status in ?3 and patientInitiated = true"
                        + " and openedAt <= ?4 and windowEnd > ?4 order by openedAt", patientId, group,
                List.of(EpisodeStatus.PENDING, EpisodeStatus.READY, EpisodeStatus.HELD, EpisodeStatus.NOT_BILLABLE,
                        EpisodeStatus.SUBMITTED, EpisodeStatus.VOID), at)
                .firstResult();
    }

    /** Episodes whose window ended by {@code now}: open ones, and reviewed ones that never got an assessment. */
    public Uni<List<Episode>> findDue(Instant now, int max) {
        return find("status in ?1 and windowEnd <= ?2 order by windowEnd, id",
                List.of(EpisodeStatus.PENDING, EpisodeStatus.AWAITING_REVIEW), now).range(0, max - 1).list();
    }

    /** A patient's decided, unsubmitted episodes: late facts re-evaluate them. */
    public Uni<List<Episode>> findReevaluable(String patientId) {
        return list("patientId = ?1 and status in ?2 order by openedAt", patientId,
                List.of(EpisodeStatus.READY, EpisodeStatus.HELD, EpisodeStatus.NOT_BILLABLE));
    }

    /** Held episodes whose visit-request hold ended by {@code now}: decided again. */
    public Uni<List<Episode>> findHoldsDue(Instant now, int max) {
        return find("status = ?1 and holdUntil <= ?2 order by holdUntil, id", EpisodeStatus.HELD, now)
                .range(0, max - 1).list();
    }
}
