package org.careline.messaging.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Where attachment content lives. The database implementation comes first; object storage can replace
 * it behind this interface.
 */
public interface AttachmentStore {

    /** Stores the content, inside the caller's transaction where the store can join one. */
    Uni<Void> write(UUID attachmentId, byte[] content);

    /** Streams the content in order, in pieces, never holding it whole. */
    Multi<byte[]> read(UUID attachmentId);
}
