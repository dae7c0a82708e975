package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.events.ParticipantRole;
import org.careline.events.VisitRequestStatus;
import org.careline.events.VisitRequestUpdated;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.VisitRequest;
import org.careline.messaging.config.AutoReplyConfig;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.messaging.repository.VisitRequestRepository;
import org.careline.messaging.webhook.SubscriptionRepository;
import org.careline.messaging.webhook.WebhookAccess;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Records a visit request's outcome (scheduled, completed, cancelled) for the EHR integration (realm role
 * {@code integration}) of the thread's care team or for the care team itself, in one transaction: the status change,
 * {@code careline.messaging.visit-request-updated.v1} and the audit record. An integration client is connected to the
 * care teams its live webhook subscriptions cover ({@link SubscriptionRepository#covers}); another team's thread
 * answers 404 as a missing one. Refusals are audited. The patient is told in the thread when the visit is booked or
 * cancelled ({@link VisitNotices}): a message from the practice, announced and notified as any care-team reply.
 */
@ApplicationScoped
public class VisitRequestUpdateService {

    private final VisitRequestRepository requests;
    private final ThreadRepository threads;
    private final VisibleThreads visible;
    private final SubscriptionRepository subscriptions;
    private final MessageRepository messages;
    private final ThreadEvents events;
    private final MessageFollowUps followUps;
    private final VisitNotices notices;
    private final AutoReplyConfig autoReplies;
    private final ThreadAccessPolicy policy;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final Clock clock;

    public VisitRequestUpdateService(VisitRequestRepository requests, ThreadRepository threads, VisibleThreads visible,
                                     SubscriptionRepository subscriptions, MessageRepository messages,
                                     ThreadEvents events, MessageFollowUps followUps, VisitNotices notices,
                                     AutoReplyConfig autoReplies, ThreadAccessPolicy policy, Outbox outbox, AuditTrail audit,
                                     AuditedTransactions transactions, Clock clock) {
        this.requests = requests;
        this.threads = threads;
        this.visible = visible;
        this.subscriptions = subscriptions;
        this.messages = messages;
        this.events = events;
        this.followUps = followUps;
        this.notices = notices;
        this.autoReplies = autoReplies;
        this.policy = policy;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Uni<VisitRequest> update(Caller caller, UUID threadId, VisitRequestChange change) {
        VisitRequestLifecycle.checkShape(change);
        return transactions.run(caller, () -> thread(caller, threadId)
                // the thread's row lock serialises two changes of one request
                .chain(thread -> threads.findById(thread.id, LockModeType.PESSIMISTIC_WRITE).replaceWith(thread))
                .chain(thread -> requests.latestFor(threadId).chain(latest -> {
                    if (latest == null) {
                        throw ProblemException.notFound("This thread has no visit request.");
                    }
                    return change(caller, thread, latest, change);
                })));
    }

    private Uni<MessageThread> thread(Caller caller, UUID threadId) {
        if (isIntegration(caller)) {
            return threads.findById(threadId).chain(thread -> {
                if (thread == null) {
                    throw new Denied(ThreadAccessPolicy.notFound(), AuditAction.UPDATE, ThreadAccessPolicy.THREAD,
                            threadId.toString(), null, AuditOutcome.FAILED);
                }
                String client = caller.clientId() == null ? "" : caller.clientId();
                return subscriptions.covers(client, thread.careTeam).map(covered -> {
                    if (!covered) {
                        // another organisation's thread: as if it did not exist, audited as denied
                        throw new Denied(ThreadAccessPolicy.notFound(), AuditAction.UPDATE, VisitRequestService.RESOURCE,
                                threadId.toString(), thread.patientId, AuditOutcome.DENIED);
                    }
                    return thread;
                });
            });
        }
        return visible.find(caller, threadId, AuditAction.UPDATE).map(found -> {
            if (found.reach() != Reach.CARE_TEAM && found.reach() != Reach.ADDRESSED) {
                throw new Denied(ThreadAccessPolicy.forbidden(
                        "Only the EHR integration or the thread's care team can record a visit request's outcome."),
                        AuditAction.UPDATE, VisitRequestService.RESOURCE, threadId.toString(),
                        found.thread().patientId, AuditOutcome.DENIED);
            }
            return found.thread();
        });
    }

    private Uni<VisitRequest> change(Caller caller, MessageThread thread, VisitRequest row, VisitRequestChange change) {
        VisitRequestStatus from = row.status();
        VisitRequestLifecycle.checkMove(from, change.status());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String by = isIntegration(caller) && caller.clientId() != null ? caller.clientId() : caller.userId();
        row.status = change.status().name();
        row.appointmentAt = change.status() == VisitRequestStatus.SCHEDULED ? truncated(change.appointmentAt())
                : row.appointmentAt;
        row.cancelReason = change.cancelReason();
        row.updatedBy = by;
        row.updatedAt = now;
        String key = thread.id.toString();
        VisitRequestUpdated event = new VisitRequestUpdated(row.id.toString(), key, row.patientId, row.careTeam,
                change.status(), from, row.appointmentAt, row.cancelReason, by, now);
        return outbox.append(EventType.VISIT_REQUEST_UPDATED, key, key, event)
                .chain(() -> audit.record(caller, AuditAction.UPDATE, VisitRequestService.RESOURCE, row.id.toString(),
                        row.patientId, AuditOutcome.SUCCESS))
                .chain(() -> tellThePatient(caller, thread, row, change, now))
                .invoke(() -> Log.infof("visit request %s on thread %s: %s -> %s by %s", row.id, thread.id, from,
                        change.status(), by))
                .replaceWith(row);
    }

    /** The practice's message to the patient about the outcome, in the thread (none for some outcomes). */
    private Uni<Void> tellThePatient(Caller caller, MessageThread thread, VisitRequest row, VisitRequestChange change,
                                     Instant now) {
        String text = notices.text(change.status(), row.appointmentAt, change.cancelReason());
        if (text == null) {
            return Uni.createFrom().voidItem();
        }
        Message notice = new Message();
        notice.id = UUID.randomUUID();
        notice.threadId = thread.id;
        notice.authorId = autoReplies.systemAuthor();
        notice.authorRole = ParticipantRole.STAFF;
        notice.body = text;
        notice.postedAt = now;
        thread.updatedAt = now;
        return messages.persist(notice)
                .chain(() -> events.replied(thread, notice))
                .chain(() -> audit.record(caller, AuditAction.CREATE, ReplyService.MESSAGE, notice.id.toString(),
                        thread.patientId, AuditOutcome.SUCCESS))
                .chain(() -> followUps.afterPost(thread, notice, false));
    }

    /** The EHR's service account (realm role {@code integration}; the realm also gives it {@code staff}). */
    private static boolean isIntegration(Caller caller) {
        return caller.hasRole(WebhookAccess.INTEGRATION) && !caller.isPatient();
    }

    private static Instant truncated(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }
}
