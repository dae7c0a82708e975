package org.careline.messaging.rest;

import java.util.List;

/** A thread's attachments, oldest first. */
public record AttachmentListResponse(List<AttachmentResponse> items) {
}
