package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.QueueItem;
import org.careline.triage.QueueStatus;

import java.util.UUID;

@ApplicationScoped
public class QueueItemRepository implements PanacheRepositoryBase<QueueItem, UUID> {

    /** The thread's open item, or null. */
    public Uni<QueueItem> findOpen(UUID threadId) {
        return find("threadId = ?1 and status = ?2", threadId, QueueStatus.OPEN).firstResult();
    }
}
