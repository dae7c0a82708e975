package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.AutoReply;
import org.careline.messaging.AutoReplyKind;

import java.util.Collection;
import java.util.UUID;

@ApplicationScoped
public class AutoReplyRepository implements PanacheRepositoryBase<AutoReply, UUID> {

    /** The latest automatic reply of one of these kinds in the thread, or null. */
    public Uni<AutoReply> latest(UUID threadId, Collection<AutoReplyKind> kinds) {
        return find("threadId = ?1 and kind in ?2 order by sentAt desc", threadId, kinds).firstResult();
    }
}
