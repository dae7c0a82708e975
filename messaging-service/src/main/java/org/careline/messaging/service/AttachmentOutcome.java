package org.careline.messaging.service;

import org.careline.messaging.Attachment;

/**
 * What became of an attachment request, decided (and audited) inside the transaction; the resource
 * turns a refusal into its problem after the audit record committed.
 *
 * @param attachment the stored or found attachment, when {@code refusal} is null
 */
public record AttachmentOutcome(Attachment attachment, Refusal refusal) {

    /** Why a request was refused. */
    public enum Refusal { NOT_FOUND, READ_ONLY, EMPTY, TOO_LARGE, UNSUPPORTED_TYPE }

    static AttachmentOutcome ok(Attachment attachment) {
        return new AttachmentOutcome(attachment, null);
    }

    static AttachmentOutcome refused(Refusal refusal) {
        return new AttachmentOutcome(null, refusal);
    }
}
