package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.Participant;
import org.careline.events.ThreadOpened;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.platform.outbox.Outbox;

/** The events a thread change announces, written to the outbox and keyed by thread id. */
@ApplicationScoped
public class ThreadEvents {

    private final Outbox outbox;

    public ThreadEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A new thread: {@code thread-opened} (no text) and {@code message-posted} for its first message. */
    public Uni<Void> threadOpened(MessageThread thread, Message first) {
        String key = thread.id.toString();
        Participant author = new Participant(first.authorId, first.authorRole, first.authorCredential);
        ThreadOpened opened = new ThreadOpened(key, thread.patientId, thread.careTeam, thread.topic, author,
                thread.patientInitiated, thread.createdAt);
        MessagePosted posted = new MessagePosted(key, first.id.toString(), thread.patientId, thread.careTeam,
                thread.topic, author, thread.patientInitiated, true, thread.subject, first.body, first.postedAt);
        return outbox.append(EventType.THREAD_OPENED, key, key, opened)
                .chain(() -> outbox.append(EventType.MESSAGE_POSTED, key, key, posted))
                .replaceWithVoid();
    }
}
