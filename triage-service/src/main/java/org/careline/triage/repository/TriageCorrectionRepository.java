package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.TriageCorrection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TriageCorrectionRepository implements PanacheRepositoryBase<TriageCorrection, UUID> {

    /** Corrections made since a time, oldest first (the feedback export). */
    public Uni<List<TriageCorrection>> since(Instant since, int limit) {
        return find("correctedAt >= ?1 order by correctedAt, id", since).range(0, limit - 1).list();
    }
}
