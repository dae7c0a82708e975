package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Attachment;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

    public Uni<List<Attachment>> ofThread(UUID threadId) {
        return list("threadId = ?1 order by createdAt, id", threadId);
    }
}
