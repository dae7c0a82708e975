package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** One chunk of an attachment's content, for the database {@code AttachmentStore}. */
@Entity
@Table(name = "attachment_chunk")
public class AttachmentChunk {

    @Id
    public UUID id;

    @Column(name = "attachment_id", nullable = false)
    public UUID attachmentId;

    @Column(nullable = false)
    public int seq;

    @Column(nullable = false)
    public byte[] data;
}
