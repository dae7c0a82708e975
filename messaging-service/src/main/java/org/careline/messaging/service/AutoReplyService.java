package org.careline.messaging.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.messaging.AutoReply;
import org.careline.messaging.AutoReplyKind;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.config.AutoReplyConfig;
import org.careline.messaging.repository.AutoReplyRepository;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.messaging.webhook.WebhookEvents;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Posts automatic replies into threads as messages from the system author, with their
 * {@code message-posted} and {@code notification-requested} events and an audit record, all in the
 * caller's transaction. Counts what it sends ({@code careline_messaging_auto_replies_total{kind}}).
 */
@ApplicationScoped
public class AutoReplyService {

    static final String RESOURCE = "Message";
    private static final DateTimeFormatter REOPENS = DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a z", Locale.US);

    private final AutoReplyPolicy policy;
    private final PracticeSchedule schedule;
    private final AutoReplyConfig config;
    private final MessageRepository messages;
    private final ThreadRepository threads;
    private final AutoReplyRepository replies;
    private final NotificationService notifications;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final MeterRegistry registry;
    private final Clock clock;
    private final WebhookEvents webhooks;

    public AutoReplyService(AutoReplyPolicy policy, PracticeSchedule schedule, AutoReplyConfig config,
                            MessageRepository messages, ThreadRepository threads, AutoReplyRepository replies,
                            NotificationService notifications, Outbox outbox, AuditTrail audit, MeterRegistry registry,
                            Clock clock, WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.threads = threads;
        this.policy = policy;
        this.schedule = schedule;
        this.config = config;
        this.messages = messages;
        this.replies = replies;
        this.notifications = notifications;
        this.outbox = outbox;
        this.audit = audit;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * After a patient's (or caregiver's) message: the after-hours, holiday or expectations reply if the
     * policy and the thread's rate limit allow one.
     *
     * @param newThread whether the message opened a patient-initiated thread
     */
    public Uni<Optional<Message>> afterPatientMessage(MessageThread thread, Message trigger, boolean newThread) {
        Instant now = clock.instant();
        // a new thread has no reply yet; on a follow-up, the thread's row lock serialises concurrent messages so
        // that the rate limit holds
        Uni<AutoReply> last = newThread ? Uni.createFrom().nullItem()
                : threads.findById(thread.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .chain(() -> replies.latest(thread.id, AutoReplyPolicy.ROUTINE));
        return last.chain(previous -> policy.forPatientMessage(newThread, now, previous == null ? null : previous.sentAt)
                .map(kind -> post(thread, kind, trigger.postedAt, now).map(Optional::of))
                .orElseGet(() -> Uni.createFrom().item(Optional.empty())));
    }

    /** Triage reported an emergency in the thread: the 911 reply, unless one went out moments ago. */
    public Uni<Optional<Message>> emergency(MessageThread thread) {
        Instant now = clock.instant();
        return replies.latest(thread.id, EnumSet.of(AutoReplyKind.EMERGENCY)).chain(previous -> {
            if (!policy.emergencyAllowed(now, previous == null ? null : previous.sentAt)) {
                Log.infof("emergency auto-reply to thread %s suppressed by its rate limit", thread.id);
                return Uni.createFrom().item(Optional.<Message>empty());
            }
            return post(thread, AutoReplyKind.EMERGENCY, null, now).map(Optional::of);
        });
    }

    private Uni<Message> post(MessageThread thread, AutoReplyKind kind, Instant after, Instant now) {
        Message reply = new Message();
        reply.id = java.util.UUID.randomUUID();
        reply.threadId = thread.id;
        reply.authorId = config.systemAuthor();
        // The enum of roles has no "system"; STAFF (speaking for the practice) keeps every consumer's
        // contract. The author id names the system author; the auto_reply row records the kind.
        reply.authorRole = ParticipantRole.STAFF;
        reply.body = text(kind, thread, now);
        // strictly after the message that triggered it, so the thread reads in order
        reply.postedAt = after != null && !now.isAfter(after) ? after.plus(1, ChronoUnit.MICROS) : now;

        AutoReply row = new AutoReply();
        row.messageId = reply.id;
        row.threadId = thread.id;
        row.kind = kind;
        row.sentAt = now;

        String key = thread.id.toString();
        MessagePosted posted = new MessagePosted(key, reply.id.toString(), thread.patientId, thread.careTeam,
                thread.topic, new Participant(reply.authorId, reply.authorRole, null), thread.patientInitiated,
                false, thread.subject, reply.body, reply.postedAt);
        return messages.persist(reply)
                .chain(() -> replies.persist(row))
                .chain(() -> outbox.append(EventType.MESSAGE_POSTED, key, key, posted))
                .chain(() -> webhooks.messagePosted(thread, reply))
                .chain(() -> notifications.autoReplied(thread, reply, kind == AutoReplyKind.EMERGENCY))
                .chain(() -> audit.record(systemCaller(), AuditAction.CREATE, RESOURCE, reply.id.toString(),
                        thread.patientId, AuditOutcome.SUCCESS))
                .invoke(() -> {
                    registry.counter("careline.messaging.auto.replies", "kind", kind.name()).increment();
                    Log.infof("%s auto-reply %s posted to thread %s", kind, reply.id, thread.id);
                })
                .replaceWith(reply);
    }

    private String text(AutoReplyKind kind, MessageThread thread, Instant now) {
        String template = switch (kind) {
            case EXPECTATIONS -> config.expectationsText();
            case AFTER_HOURS -> config.afterHoursText();
            case HOLIDAY -> config.holidayText();
            case EMERGENCY -> config.emergencyText();
        };
        return Placeholders.fill(template, Map.of("careTeam", thread.careTeam, "turnaround", config.turnaround(),
                "reopens", REOPENS.format(schedule.nextOpening(now))));
    }

    /** A text with an unknown placeholder is a configuration error: refuse to start rather than fail later. */
    void checkTexts(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent startup) {
        Set<String> known = Set.of("careTeam", "turnaround", "reopens");
        for (String text : new String[]{config.expectationsText(), config.afterHoursText(), config.holidayText(),
                config.emergencyText()}) {
            if (!Placeholders.unknown(text, known).isEmpty()) {
                throw new IllegalStateException("careline.messaging.auto-reply texts may only use the placeholders " + known);
            }
        }
    }

    /** The system as the actor of its own writes in audit records. */
    private Caller systemCaller() {
        return new Caller(config.systemAuthor(), config.systemAuthor(), Set.of(), null, null, null, Set.of(),
                "messaging-service", null, null);
    }
}
