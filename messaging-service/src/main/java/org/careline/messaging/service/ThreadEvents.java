package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.Participant;
import org.careline.events.ThreadClosed;
import org.careline.events.ThreadOpened;
import org.careline.events.ThreadRead;
import org.careline.events.ThreadReplied;
import org.careline.events.TimeLogged;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.webhook.WebhookEvents;
import org.careline.platform.outbox.Outbox;

import java.time.Instant;

/**
 * The events a thread change announces, written to the outbox and keyed by thread id. Only
 * {@code message-posted} carries text (on the messages topic, read by triage alone).
 */
@ApplicationScoped
public class ThreadEvents {

    /** The reason recorded when the scheduler closes a thread. */
    public static final String INACTIVITY = "INACTIVITY";

    private final Outbox outbox;
    private final WebhookEvents webhooks;

    public ThreadEvents(Outbox outbox, WebhookEvents webhooks) {
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    /** A new thread: {@code thread-opened} (no text) and {@code message-posted} for its first message. */
    public Uni<Void> threadOpened(MessageThread thread, Message first) {
        String key = thread.id.toString();
        ThreadOpened opened = new ThreadOpened(key, thread.patientId, thread.careTeam, thread.topic, author(first),
                thread.patientInitiated, thread.createdAt);
        MessagePosted posted = messagePosted(thread, first, true);
        return outbox.append(EventType.THREAD_OPENED, key, key, opened)
                .chain(() -> outbox.append(EventType.MESSAGE_POSTED, key, key, posted))
                .chain(() -> webhooks.threadOpened(thread, first))
                .replaceWithVoid();
    }

    /**
     * A reply: {@code message-posted} (with text, for triage), {@code thread-replied} (no text) and, when
     * the reply logs time, {@code time-logged} for billing.
     */
    public Uni<Void> replied(MessageThread thread, Message reply) {
        String key = thread.id.toString();
        ThreadReplied replied = new ThreadReplied(key, reply.id.toString(), thread.patientId, thread.careTeam,
                thread.topic, author(reply), thread.status.name(), thread.patientInitiated, reply.postedAt);
        Uni<Void> sent = posted(thread, reply, false)
                .chain(() -> outbox.append(EventType.THREAD_REPLIED, key, key, replied))
                .replaceWithVoid();
        if (reply.timeSpentMinutes == null) {
            return sent;
        }
        TimeLogged logged = new TimeLogged(key, reply.id.toString(), thread.patientId, thread.careTeam, thread.topic,
                author(reply), reply.timeSpentMinutes, Boolean.TRUE.equals(reply.clinicalAssessment),
                thread.patientInitiated, reply.postedAt);
        return sent.chain(() -> outbox.append(EventType.TIME_LOGGED, key, key, logged)).replaceWithVoid();
    }

    /** A read receipt. */
    public Uni<Void> read(MessageThread thread, Participant reader, String lastMessageId, Instant readAt) {
        String key = thread.id.toString();
        return outbox.append(EventType.THREAD_READ, key, key,
                new ThreadRead(key, thread.patientId, thread.careTeam, reader, lastMessageId, readAt)).replaceWithVoid();
    }

    /** A thread closed after inactivity. */
    public Uni<Void> closed(MessageThread thread, Instant lastActivityAt) {
        String key = thread.id.toString();
        return outbox.append(EventType.THREAD_CLOSED, key, key, new ThreadClosed(key, thread.patientId,
                thread.careTeam, INACTIVITY, lastActivityAt, thread.closedAt))
                .chain(() -> webhooks.threadClosed(thread));
    }

    private Uni<Void> posted(MessageThread thread, Message message, boolean first) {
        String key = thread.id.toString();
        return outbox.append(EventType.MESSAGE_POSTED, key, key, messagePosted(thread, message, first))
                .chain(() -> webhooks.messagePosted(thread, message));
    }

    private static MessagePosted messagePosted(MessageThread thread, Message message, boolean first) {
        return new MessagePosted(thread.id.toString(), message.id.toString(), thread.patientId, thread.careTeam,
                thread.topic, author(message), thread.patientInitiated, first, thread.subject, message.body,
                message.postedAt);
    }

    private static Participant author(Message message) {
        return new Participant(message.authorId, message.authorRole, message.authorCredential);
    }
}
