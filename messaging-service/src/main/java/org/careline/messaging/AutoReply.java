package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An automatic reply the system posted: its message (in {@code message}) and why, for rate limiting. */
@Entity
@Table(name = "auto_reply")
public class AutoReply {

    /** The id of the posted message. */
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AutoReplyKind kind;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
