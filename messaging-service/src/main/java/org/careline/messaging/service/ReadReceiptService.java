package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.Participant;
import org.careline.messaging.ThreadRead;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadReadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Read receipts: the caller read a thread up to its newest message. */
@ApplicationScoped
public class ReadReceiptService {

    private final MessageRepository messages;
    private final ThreadReadRepository reads;
    private final VisibleThreads visible;
    private final ThreadAccessPolicy policy;
    private final ThreadEvents events;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final Clock clock;

    public ReadReceiptService(MessageRepository messages, ThreadReadRepository reads, VisibleThreads visible,
                              ThreadAccessPolicy policy, ThreadEvents events, AuditTrail audit,
                              AuditedTransactions transactions, Clock clock) {
        this.messages = messages;
        this.reads = reads;
        this.visible = visible;
        this.policy = policy;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Uni<ThreadRead> markRead(Caller caller, UUID threadId) {
        return transactions.run(caller, () -> visible.find(caller, threadId, AuditAction.UPDATE)
                .chain(found -> messages.newest(threadId).chain(newest -> {
                    ThreadRead read = new ThreadRead();
                    read.threadId = threadId;
                    read.readerId = caller.userId();
                    read.readerRole = policy.participantRole(caller);
                    read.lastReadMessageId = newest.id;
                    read.readAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    Participant reader = new Participant(caller.userId(), read.readerRole, caller.credential());
                    return reads.upsert(read)
                            .chain(() -> events.read(found.thread(), reader, newest.id.toString(), read.readAt))
                            .chain(() -> audit.record(policy.auditedAs(caller, found.reach()), AuditAction.UPDATE,
                                    ThreadAccessPolicy.THREAD, threadId.toString(), found.thread().patientId,
                                    AuditOutcome.SUCCESS))
                            .replaceWith(read);
                })));
    }
}
