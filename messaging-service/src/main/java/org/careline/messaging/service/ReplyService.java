package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.ParticipantRole;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadStatus;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadReadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

/**
 * Replies in a thread. The status follows the conversation: a patient or caregiver reply makes it the
 * care team's turn, a care-team reply the patient's. A closed thread takes no replies (409).
 */
@ApplicationScoped
public class ReplyService {

    static final String MESSAGE = "Message";

    private final MessageRepository messages;
    private final ThreadReadRepository reads;
    private final VisibleThreads visible;
    private final ThreadAccessPolicy policy;
    private final ThreadEvents events;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final Clock clock;
    private final MessageFollowUps followUps;

    public ReplyService(MessageRepository messages, ThreadReadRepository reads, VisibleThreads visible,
                        ThreadAccessPolicy policy, ThreadEvents events, AuditTrail audit,
                        AuditedTransactions transactions, Clock clock, MessageFollowUps followUps) {
        this.followUps = followUps;
        this.messages = messages;
        this.reads = reads;
        this.visible = visible;
        this.policy = policy;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Uni<ThreadDetails> reply(Caller caller, UUID threadId, NewReply request) {
        return reply(caller, threadId, request, details -> Uni.createFrom().voidItem());
    }

    /**
     * Replies as {@link #reply(Caller, UUID, NewReply)} does; {@code inTransaction} runs last, inside the same
     * transaction (the answer to an Idempotency-Key is stored there, see {@link IdempotentRequests}).
     */
    public Uni<ThreadDetails> reply(Caller caller, UUID threadId, NewReply request,
                                    Function<ThreadDetails, Uni<Void>> inTransaction) {
        return transactions.run(caller, () -> visible.find(caller, threadId, AuditAction.CREATE).chain(found -> {
            MessageThread thread = found.thread();
            if (!found.reach().mayWrite()) {
                throw new Denied(ThreadAccessPolicy.forbidden("You may read this thread but not reply to it."),
                        AuditAction.CREATE, ThreadAccessPolicy.THREAD, threadId.toString(), thread.patientId,
                        AuditOutcome.DENIED);
            }
            ParticipantRole role = policy.participantRole(caller);
            checkCareTeamFields(caller, role, request);
            if (thread.status == ThreadStatus.CLOSED) {
                throw new ProblemException(409, "thread-closed", "Conflict",
                        "This thread is closed; open a new thread instead.");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Message reply = new Message();
            reply.id = UUID.randomUUID();
            reply.threadId = thread.id;
            reply.authorId = caller.userId();
            reply.authorRole = role;
            reply.authorCredential = caller.credential();
            reply.body = request.body();
            reply.postedAt = now;
            reply.timeSpentMinutes = request.timeSpentMinutes();
            reply.clinicalAssessment = request.clinicalAssessment();

            thread.status = role.speaksForPatient() ? ThreadStatus.AWAITING_CARE_TEAM : ThreadStatus.AWAITING_PATIENT;
            thread.updatedAt = now;
            if (request.replyDirectlyToMe()) {
                thread.addressedTo = caller.username();
            }
            return messages.persist(reply)
                    .chain(() -> events.replied(thread, reply))
                    .chain(() -> audit.record(caller, AuditAction.CREATE, MESSAGE, reply.id.toString(),
                            thread.patientId, AuditOutcome.SUCCESS))
                    .chain(() -> followUps.afterPost(thread, reply, false))
                    .chain(() -> messages.listByThread(thread.id))
                    .chain(list -> reads.listByThread(thread.id)
                            .map(receipts -> new ThreadDetails(thread, list, receipts, found.reach())))
                    .invoke(() -> Log.infof("reply %s in thread %s by %s", reply.id, thread.id, caller.userId()))
                    .call(details -> inTransaction.apply(details));
        }));
    }

    /** Logged time, assessments and "reply directly to me" belong to the care team's side. */
    private static void checkCareTeamFields(Caller caller, ParticipantRole role, NewReply request) {
        boolean careTeam = role == ParticipantRole.CLINICIAN || role == ParticipantRole.STAFF;
        if (!careTeam && (request.timeSpentMinutes() != null || request.clinicalAssessment() != null)) {
            throw ProblemException.badRequest("Only care-team replies may carry timeSpentMinutes or clinicalAssessment.");
        }
        if (request.replyDirectlyToMe() && !caller.hasRole(Roles.CLINICIAN)) {
            throw ProblemException.badRequest("Only a clinician can ask for replies directly to them.");
        }
    }
}
