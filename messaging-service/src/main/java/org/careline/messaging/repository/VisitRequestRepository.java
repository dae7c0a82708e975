package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.VisitRequest;

import java.util.UUID;

@ApplicationScoped
public class VisitRequestRepository implements PanacheRepositoryBase<VisitRequest, UUID> {

    /** The thread's open visit request, or null. */
    public Uni<VisitRequest> openFor(UUID threadId) {
        return find("threadId = ?1 and status = ?2", threadId, VisitRequest.OPEN).firstResult();
    }

    /** The thread's most recent visit request, or null. */
    public Uni<VisitRequest> latestFor(UUID threadId) {
        return find("threadId = ?1 order by requestedAt desc, id", threadId).firstResult();
    }
}
