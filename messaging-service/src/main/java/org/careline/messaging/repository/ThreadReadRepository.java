package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.ThreadRead;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ThreadReadRepository implements PanacheRepositoryBase<ThreadRead, ThreadRead.Key> {

    public Uni<List<ThreadRead>> listByThread(UUID threadId) {
        return list("threadId = ?1 order by readAt", threadId);
    }

    /** Inserts or moves forward the reader's receipt; safe when the same reader posts twice at once. */
    public Uni<Void> upsert(ThreadRead read) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into thread_read (thread_id, reader_id, reader_role, last_read_message_id,"
                        + " read_at) values (:thread, :reader, :role, :message, :at) on conflict (thread_id, reader_id)"
                        + " do update set reader_role = excluded.reader_role,"
                        + " last_read_message_id = excluded.last_read_message_id, read_at = excluded.read_at")
                .setParameter("thread", read.threadId)
                .setParameter("reader", read.readerId)
                .setParameter("role", read.readerRole.name())
                .setParameter("message", read.lastReadMessageId)
                .setParameter("at", read.readAt)
                .executeUpdate())
                .replaceWithVoid();
    }
}
