package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A file attached to a thread: its metadata. The content (PHI) lives in an {@code AttachmentStore}. */
@Entity
@Table(name = "attachment")
public class Attachment {

    @Id
    public UUID id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploader_role", nullable = false)
    public String uploaderRole;

    /** Detected from the content, never taken from the request. */
    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
