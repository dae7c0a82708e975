package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.OutOfOffice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutOfOfficeRepository implements PanacheRepositoryBase<OutOfOffice, UUID> {

    /** The clinician's period covering {@code at}, or null. */
    public Uni<OutOfOffice> activeAt(String clinicianId, Instant at) {
        return find("clinicianId = ?1 and startsAt <= ?2 and endsAt > ?2 order by startsAt desc", clinicianId, at)
                .firstResult();
    }

    /** The clinician's periods that have not ended by {@code at}, soonest first. */
    public Uni<List<OutOfOffice>> notEnded(String clinicianId, Instant at, int limit) {
        return find("clinicianId = ?1 and endsAt > ?2 order by startsAt, id", clinicianId, at).page(0, limit).list();
    }

    /** Whether the clinician has a period overlapping [startsAt, endsAt). */
    public Uni<Boolean> overlaps(String clinicianId, Instant startsAt, Instant endsAt) {
        return count("clinicianId = ?1 and startsAt < ?3 and endsAt > ?2", clinicianId, startsAt, endsAt)
                .map(n -> n > 0);
    }
}
