package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.careline.events.ParticipantRole;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A read receipt: how far one reader has read one thread. */
@Entity
@Table(name = "thread_read")
@IdClass(ThreadRead.Key.class)
public class ThreadRead {

    @Id
    @Column(name = "thread_id")
    public UUID threadId;

    @Id
    @Column(name = "reader_id")
    public String readerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "reader_role", nullable = false)
    public ParticipantRole readerRole;

    @Column(name = "last_read_message_id", nullable = false)
    public UUID lastReadMessageId;

    @Column(name = "read_at", nullable = false)
    public Instant readAt;

    /** The composite key: thread and reader. */
    public static class Key implements Serializable {
        public UUID threadId;
        public String readerId;

        public Key() {
        }

        public Key(UUID threadId, String readerId) {
            this.threadId = threadId;
            this.readerId = readerId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(threadId, k.threadId) && Objects.equals(readerId, k.readerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(threadId, readerId);
        }
    }
}
