package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadStatus;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadReadRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Opens and reads threads. Every access is audited in the transaction of the access, refusals too. */
@ApplicationScoped
public class ThreadService {

    static final String RESOURCE = ThreadAccessPolicy.THREAD;

    private final ThreadRepository threads;
    private final MessageRepository messages;
    private final ThreadReadRepository reads;
    private final ThreadAccessPolicy policy;
    private final CallerScopes scopes;
    private final VisibleThreads visible;
    private final ThreadEvents events;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final Clock clock;
    private final MessageFollowUps followUps;
    private final DirectoryService directory;

    public ThreadService(ThreadRepository threads, MessageRepository messages, ThreadReadRepository reads,
                         ThreadAccessPolicy policy, CallerScopes scopes, VisibleThreads visible, ThreadEvents events,
                         AuditTrail audit, AuditedTransactions transactions, Clock clock,
                         MessageFollowUps followUps, DirectoryService directory) {
        this.followUps = followUps;
        this.directory = directory;
        this.threads = threads;
        this.messages = messages;
        this.reads = reads;
        this.policy = policy;
        this.scopes = scopes;
        this.visible = visible;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Opens a thread with its first message and announces it, all in one transaction. */
    public Uni<ThreadDetails> open(Caller caller, NewThread request) {
        return open(caller, request, details -> Uni.createFrom().voidItem());
    }

    /**
     * Opens a thread as {@link #open(Caller, NewThread)} does; {@code inTransaction} runs last, inside the same
     * transaction (the answer to an Idempotency-Key is stored there, see {@link IdempotentRequests}).
     */
    public Uni<ThreadDetails> open(Caller caller, NewThread request, Function<ThreadDetails, Uni<Void>> inTransaction) {
        return transactions.run(caller, () -> scopes.of(caller).chain(scope -> {
            Authorship authorship = policy.authorship(scope, request);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);

            MessageThread thread = new MessageThread();
            thread.id = UUID.randomUUID();
            thread.patientId = authorship.patientId();
            thread.careTeam = authorship.careTeam();
            thread.subject = request.subject();
            thread.topic = request.topic();
            thread.createdBy = caller.userId();
            thread.createdByRole = authorship.role();
            thread.patientInitiated = authorship.role().speaksForPatient();
            thread.status = thread.patientInitiated ? ThreadStatus.AWAITING_CARE_TEAM : ThreadStatus.AWAITING_PATIENT;
            thread.addressedTo = request.clinician();
            thread.createdAt = now;
            thread.updatedAt = now;

            Message first = new Message();
            first.id = UUID.randomUUID();
            first.threadId = thread.id;
            first.authorId = caller.userId();
            first.authorRole = authorship.role();
            first.authorCredential = caller.credential();
            first.body = request.body();
            first.postedAt = now;

            Reach reach = policy.reach(scope, thread).orElse(Reach.CARE_TEAM);
            // a patient (or caregiver) may not write to a team or clinician that does not accept messages
            Uni<Void> accepted = thread.patientInitiated
                    ? directory.requireAccepting(thread.careTeam, thread.addressedTo) : Uni.createFrom().voidItem();
            return accepted.chain(() -> threads.persist(thread))
                    .chain(() -> messages.persist(first))
                    .chain(() -> events.threadOpened(thread, first))
                    .chain(() -> audit.record(caller, AuditAction.CREATE, RESOURCE, thread.id.toString(),
                            thread.patientId, AuditOutcome.SUCCESS))
                    .chain(() -> followUps.afterPost(thread, first, true))
                    .invoke(() -> Log.infof("thread %s opened by %s for care team %s", thread.id, caller.userId(),
                            thread.careTeam))
                    .replaceWith(new ThreadDetails(thread, List.of(first), List.of(), reach))
                    .call(details -> inTransaction.apply(details));
        }));
    }

    /**
     * The thread if the caller may read it. Someone else's thread and a missing one fail alike (404),
     * audited as denied and failed respectively.
     */
    public Uni<ThreadDetails> find(Caller caller, UUID id) {
        return transactions.run(caller, () -> visible.find(caller, id, AuditAction.READ)
                .chain(found -> messages.listByThread(id)
                        .chain(list -> reads.listByThread(id)
                                .map(receipts -> new ThreadDetails(found.thread(), list, receipts, found.reach())))
                        .call(() -> audit.record(policy.auditedAs(caller, found.reach()), AuditAction.READ, RESOURCE,
                                id.toString(), found.thread().patientId, AuditOutcome.SUCCESS))));
    }
}
