package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitRequested;
import org.careline.events.VisitType;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadStatus;
import org.careline.messaging.VisitRequest;
import org.careline.messaging.config.AutoReplyConfig;
import org.careline.messaging.config.VisitRequestConfig;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.messaging.repository.VisitRequestRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Converts a thread into a visit request, in one transaction: the request row, a templated reply to the
 * patient with the next steps (its own message-posted, thread-replied and notification events), the
 * {@code visit-requested} event for the EHR's scheduling and billing (no text: the note stays here) and the
 * audit records. A thread has at most one open request: a second one is a 409. The care-team path is
 * {@link #request}; a triage routing rule uses {@link #requestByRule}.
 */
@ApplicationScoped
public class VisitRequestService {

    static final String RESOURCE = "VisitRequest";
    private static final Set<String> PLACEHOLDERS = Set.of("careTeam", "schedulingWithin");

    private final VisitRequestRepository requests;
    private final ThreadRepository threads;
    private final MessageRepository messages;
    private final VisibleThreads visible;
    private final ThreadAccessPolicy policy;
    private final ThreadEvents events;
    private final MessageFollowUps followUps;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final VisitRequestConfig config;
    private final AutoReplyConfig autoReplies;
    private final Clock clock;

    public VisitRequestService(VisitRequestRepository requests, ThreadRepository threads, MessageRepository messages,
                               VisibleThreads visible, ThreadAccessPolicy policy, ThreadEvents events,
                               MessageFollowUps followUps, Outbox outbox, AuditTrail audit,
                               AuditedTransactions transactions, VisitRequestConfig config,
                               AutoReplyConfig autoReplies, Clock clock) {
        this.requests = requests;
        this.threads = threads;
        this.messages = messages;
        this.visible = visible;
        this.policy = policy;
        this.events = events;
        this.followUps = followUps;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.config = config;
        this.autoReplies = autoReplies;
        this.clock = clock;
    }

    /** A care-team member of the thread (its team, or the clinician it is addressed to) asks for a visit. */
    public Uni<VisitRequest> request(Caller caller, UUID threadId, NewVisitRequest request) {
        return transactions.run(caller, () -> visible.find(caller, threadId, AuditAction.CREATE).chain(found -> {
            if (found.reach() != Reach.CARE_TEAM && found.reach() != Reach.ADDRESSED) {
                throw new Denied(ThreadAccessPolicy.forbidden("Only the thread's care team can turn it into a visit request."),
                        AuditAction.CREATE, ThreadAccessPolicy.THREAD, threadId.toString(), found.thread().patientId,
                        AuditOutcome.DENIED);
            }
            Participant by = new Participant(caller.userId(), policy.participantRole(caller), caller.credential());
            return create(found.thread(), request, VisitRequestSource.CARE_TEAM, by, caller, false);
        }));
    }

    /**
     * A triage routing rule asks for a visit (source {@code TRIAGE_RULE}, no person named); the reply comes from
     * the system author. 404 problem for an unknown thread, 409 when the thread already has an open request.
     */
    public Uni<VisitRequest> requestByRule(UUID threadId, VisitType visitType, org.careline.events.VisitReason reason) {
        Caller system = systemCaller();
        return transactions.run(system, () -> threads.findById(threadId).chain(thread -> {
            if (thread == null) {
                throw ProblemException.notFound(ThreadAccessPolicy.NOT_FOUND);
            }
            return create(thread, new NewVisitRequest(visitType, reason, null), VisitRequestSource.TRIAGE_RULE, null,
                    system, false);
        }));
    }

    /**
     * Triage recommended a visit ({@code careline.triage.visit-recommended.v1}): a visit request from the rule,
     * unless the thread already has an open one, is closed, is unknown or belongs to another patient than the event
     * says (each logged by id, nothing written). Must run in the caller's transaction (the consumer's inbox).
     *
     * @return the new request, or null when none was created
     */
    public Uni<VisitRequest> requestByRule(UUID threadId, String patientId, VisitType visitType,
                                           org.careline.events.VisitReason reason) {
        return threads.findById(threadId).chain(thread -> {
            if (thread == null || !thread.patientId.equals(patientId)) {
                Log.warnf("visit recommended for unknown thread %s (or another patient's): no visit request", threadId);
                return Uni.createFrom().nullItem();
            }
            if (thread.status == ThreadStatus.CLOSED) {
                Log.infof("visit recommended for closed thread %s: no visit request", threadId);
                return Uni.createFrom().nullItem();
            }
            return create(thread, new NewVisitRequest(visitType, reason, null), VisitRequestSource.TRIAGE_RULE, null,
                    systemCaller(), true);
        });
    }

    /** The thread's latest visit request, for whoever may read the thread; 404 when there is none. */
    public Uni<VisitRequest> find(Caller caller, UUID threadId) {
        return transactions.run(caller, () -> visible.find(caller, threadId, AuditAction.READ)
                .chain(found -> requests.latestFor(threadId).chain(latest -> {
                    if (latest == null) {
                        throw ProblemException.notFound("This thread has no visit request.");
                    }
                    return audit.record(policy.auditedAs(caller, found.reach()), AuditAction.READ, RESOURCE,
                            latest.id.toString(), latest.patientId, AuditOutcome.SUCCESS).replaceWith(latest);
                })));
    }

    /** {@code skipWhenOpen}: a thread with an open request answers null instead of a 409 problem. */
    private Uni<VisitRequest> create(MessageThread thread, NewVisitRequest request, VisitRequestSource source,
                                     Participant by, Caller actor, boolean skipWhenOpen) {
        if (thread.status == ThreadStatus.CLOSED) {
            throw new ProblemException(409, "thread-closed", "Conflict",
                    "This thread is closed; open a new thread instead.");
        }
        // the thread's row lock serialises two requests on one thread, so that the second sees the first
        return threads.findById(thread.id, LockModeType.PESSIMISTIC_WRITE)
                .chain(() -> requests.openFor(thread.id))
                .chain(open -> {
                    if (open != null && skipWhenOpen) {
                        Log.infof("thread %s already has open visit request %s: no second one from %s", thread.id,
                                open.id, source);
                        return Uni.createFrom().<VisitRequest>nullItem();
                    }
                    if (open != null) {
                        throw new ProblemException(409, "visit-request-exists", "Conflict",
                                "This thread already has an open visit request (" + open.id + ").");
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    Message reply = reply(thread, request, by, now);
                    VisitRequest row = row(thread, request, source, by, reply.id, now);
                    thread.status = ThreadStatus.AWAITING_PATIENT;
                    thread.updatedAt = now;
                    String key = thread.id.toString();
                    VisitRequested event = new VisitRequested(row.id.toString(), key, thread.patientId,
                            thread.careTeam, source, by, row.visitType, row.reason, thread.patientInitiated, now);
                    return messages.persist(reply)
                            .chain(() -> requests.persist(row))
                            .chain(() -> events.replied(thread, reply))
                            .chain(() -> outbox.append(EventType.VISIT_REQUESTED, key, key, event))
                            .chain(() -> audit.record(actor, AuditAction.CREATE, ReplyService.MESSAGE,
                                    reply.id.toString(), thread.patientId, AuditOutcome.SUCCESS))
                            .chain(() -> audit.record(actor, AuditAction.CREATE, RESOURCE, row.id.toString(),
                                    thread.patientId, AuditOutcome.SUCCESS))
                            .chain(() -> followUps.afterPost(thread, reply, false))
                            .invoke(() -> Log.infof("visit request %s (%s, %s) on thread %s by %s", row.id,
                                    row.visitType, row.reason, thread.id, by == null ? source : by.userId()))
                            .replaceWith(row);
                });
    }

    private Message reply(MessageThread thread, NewVisitRequest request, Participant by, Instant now) {
        Message reply = new Message();
        reply.id = UUID.randomUUID();
        reply.threadId = thread.id;
        reply.authorId = by != null ? by.userId() : autoReplies.systemAuthor();
        reply.authorRole = by != null ? by.role() : ParticipantRole.STAFF;
        reply.authorCredential = by != null ? by.credential() : null;
        reply.body = text(thread, request);
        reply.postedAt = now;
        return reply;
    }

    private static VisitRequest row(MessageThread thread, NewVisitRequest request, VisitRequestSource source,
                                    Participant by, UUID replyId, Instant now) {
        VisitRequest row = new VisitRequest();
        row.id = UUID.randomUUID();
        row.threadId = thread.id;
        row.patientId = thread.patientId;
        row.careTeam = thread.careTeam;
        row.visitType = request.visitType();
        row.reason = request.reason();
        row.note = blank(request.note()) ? null : request.note().strip();
        row.source = source;
        row.requestedBy = by == null ? null : by.userId();
        row.requestedByRole = by == null ? null : by.role();
        row.requestedByCredential = by == null ? null : by.credential();
        row.replyMessageId = replyId;
        row.status = VisitRequest.OPEN;
        row.requestedAt = now;
        return row;
    }

    private String text(MessageThread thread, NewVisitRequest request) {
        String template = switch (request.visitType()) {
            case IN_PERSON -> config.inPersonText();
            case VIDEO -> config.videoText();
            case PHONE -> config.phoneText();
        };
        String text = Placeholders.fill(template, Map.of("careTeam", thread.careTeam,
                "schedulingWithin", config.schedulingWithin()));
        return blank(request.note()) ? text : text + "\n\n" + config.notePrefix() + " " + request.note().strip();
    }

    /** A text with an unknown placeholder is a configuration error: refuse to start rather than fail later. */
    void checkTexts(@Observes StartupEvent startup) {
        for (String text : new String[]{config.inPersonText(), config.videoText(), config.phoneText()}) {
            if (!Placeholders.unknown(text, PLACEHOLDERS).isEmpty()) {
                throw new IllegalStateException("careline.messaging.visit-request texts may only use the placeholders "
                        + PLACEHOLDERS);
            }
        }
    }

    private Caller systemCaller() {
        return new Caller(autoReplies.systemAuthor(), autoReplies.systemAuthor(), Set.of(), null, null, null, Set.of(),
                "messaging-service", null, null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
