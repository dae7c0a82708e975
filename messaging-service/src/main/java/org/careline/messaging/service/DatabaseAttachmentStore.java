package org.careline.messaging.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.AttachmentChunk;
import org.careline.messaging.config.AttachmentConfig;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps attachment content in the service's database, in chunks ({@code attachment_chunk}): written
 * with the attachment in one transaction, read back one chunk per query so a download never holds the
 * whole file.
 */
@ApplicationScoped
public class DatabaseAttachmentStore implements AttachmentStore {

    private final Pool pool;
    private final int chunkSize;

    public DatabaseAttachmentStore(Pool pool, AttachmentConfig config) {
        this.pool = pool;
        this.chunkSize = (int) config.chunkSize().asLongValue();
    }

    @Override
    public Uni<Void> write(UUID attachmentId, byte[] content) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int offset = 0, seq = 0; offset < content.length; offset += chunkSize, seq++) {
            AttachmentChunk chunk = new AttachmentChunk();
            chunk.id = UUID.randomUUID();
            chunk.attachmentId = attachmentId;
            chunk.seq = seq;
            chunk.data = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + chunkSize));
            // flush each chunk so the session does not keep every chunk's bytes until commit
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.persist(chunk)
                    .chain(session::flush).invoke(() -> session.detach(chunk))));
        }
        return chain;
    }

    @Override
    public Multi<byte[]> read(UUID attachmentId) {
        AtomicInteger seq = new AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> chunk(attachmentId, seq.getAndIncrement()))
                .until(Optional::isEmpty)
                .map(Optional::get);
    }

    private Uni<Optional<byte[]>> chunk(UUID attachmentId, int seq) {
        return pool.preparedQuery("select data from attachment_chunk where attachment_id = $1 and seq = $2")
                .execute(Tuple.of(attachmentId, seq))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getBuffer("data").getBytes()) : Optional.empty();
                });
    }
}
