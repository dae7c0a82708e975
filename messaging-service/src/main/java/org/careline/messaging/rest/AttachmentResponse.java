package org.careline.messaging.rest;

import java.time.Instant;

/** An attachment's metadata; the content is at {@code GET .../attachments/{id}}. */
public record AttachmentResponse(String id, String threadId, String mediaType, long sizeBytes, String sha256,
                                 String uploadedBy, Instant createdAt) {
}
