package org.careline.messaging.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadStatus;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Opens and reads threads. Every access is audited in the same transaction. */
@ApplicationScoped
public class ThreadService {

    static final String RESOURCE = "Thread";

    private final ThreadRepository threads;
    private final MessageRepository messages;
    private final ThreadAccessPolicy policy;
    private final ThreadEvents events;
    private final AuditTrail audit;
    private final Clock clock;
    private final MessageFollowUps followUps;

    public ThreadService(ThreadRepository threads, MessageRepository messages, ThreadAccessPolicy policy,
                         ThreadEvents events, AuditTrail audit, Clock clock, MessageFollowUps followUps) {
        this.followUps = followUps;
        this.threads = threads;
        this.messages = messages;
        this.policy = policy;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens a thread with its first message and announces it, all in one transaction. */
    @WithTransaction
    public Uni<ThreadDetails> open(Caller caller, NewThread request) {
        Authorship authorship = policy.authorship(caller, request);
        Instant now = clock.instant();

        MessageThread thread = new MessageThread();
        thread.id = UUID.randomUUID();
        thread.patientId = authorship.patientId();
        thread.careTeam = authorship.careTeam();
        thread.clinicianId = request.clinicianId();
        thread.subject = request.subject();
        thread.topic = request.topic();
        thread.createdBy = caller.userId();
        thread.createdByRole = authorship.role();
        thread.patientInitiated = authorship.role().speaksForPatient();
        thread.status = thread.patientInitiated ? ThreadStatus.AWAITING_CARE_TEAM : ThreadStatus.AWAITING_PATIENT;
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

        return threads.persist(thread)
                .chain(() -> messages.persist(first))
                .chain(() -> events.threadOpened(thread, first))
                .chain(() -> audit.record(caller, AuditAction.CREATE, RESOURCE, thread.id.toString(),
                        thread.patientId, AuditOutcome.SUCCESS))
                .chain(() -> followUps.afterPost(thread, first, true))
                .invoke(() -> Log.infof("thread %s opened by %s for care team %s", thread.id, caller.userId(),
                        thread.careTeam))
                .replaceWith(new ThreadDetails(thread, List.of(first)));
    }

    /**
     * The thread if the caller may read it. Someone else's thread and a missing one look the same
     * (empty), and both are audited: denied, or failed.
     */
    @WithTransaction
    public Uni<Optional<ThreadDetails>> find(Caller caller, UUID id) {
        return threads.findById(id).chain(thread -> {
            if (thread == null) {
                return audit.record(caller, AuditAction.READ, RESOURCE, id.toString(), null, AuditOutcome.FAILED)
                        .replaceWith(Optional.<ThreadDetails>empty());
            }
            if (!policy.canRead(caller, thread)) {
                Log.infof("read of thread %s denied to %s", id, caller.userId());
                return audit.record(caller, AuditAction.READ, RESOURCE, id.toString(), thread.patientId,
                        AuditOutcome.DENIED).replaceWith(Optional.<ThreadDetails>empty());
            }
            return messages.listByThread(id)
                    .call(() -> audit.record(caller, AuditAction.READ, RESOURCE, id.toString(), thread.patientId,
                            AuditOutcome.SUCCESS))
                    .map(list -> Optional.of(new ThreadDetails(thread, list)));
        });
    }
}
