package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Attachment;
import org.careline.messaging.rest.AttachmentResponse;

/** Maps attachments to the API's records. */
@ApplicationScoped
public class AttachmentMapper {

    public AttachmentResponse toResponse(Attachment a) {
        return new AttachmentResponse(a.id.toString(), a.threadId.toString(), a.mediaType, a.sizeBytes, a.sha256,
                a.uploadedBy, a.createdAt);
    }
}
