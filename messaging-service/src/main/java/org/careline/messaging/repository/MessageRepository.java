package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Message;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    public Uni<List<Message>> listByThread(UUID threadId) {
        return list("threadId = ?1 order by postedAt, id", threadId);
    }

    /** The thread's newest message (every thread has at least its first one). */
    public Uni<Message> newest(UUID threadId) {
        return find("threadId = ?1 order by postedAt desc, id desc", threadId).firstResult();
    }

    public Uni<List<Message>> listByThreads(Collection<UUID> threadIds) {
        if (threadIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("threadId in ?1 order by postedAt, id", threadIds);
    }
}
