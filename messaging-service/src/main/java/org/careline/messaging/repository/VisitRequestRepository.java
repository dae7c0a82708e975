package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.VisitRequest;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class VisitRequestRepository implements PanacheRepositoryBase<VisitRequest, UUID> {

    /** The thread's active (open or scheduled) visit request, or null. */
    public Uni<VisitRequest> openFor(UUID threadId) {
        return find("threadId = ?1 and status in ?2", threadId, List.of(VisitRequest.OPEN, "SCHEDULED")).firstResult();
    }

    /** The thread's most recent visit request, or null. */
    public Uni<VisitRequest> latestFor(UUID threadId) {
        return find("threadId = ?1 order by requestedAt desc, id", threadId).firstResult();
    }
}
