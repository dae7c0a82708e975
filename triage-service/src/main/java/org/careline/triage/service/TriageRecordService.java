package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;
import org.careline.triage.QueueItem;
import org.careline.triage.TriageDecision;
import org.careline.triage.repository.QueueItemRepository;
import org.careline.triage.repository.TriageDecisionRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a thread's triage record for its care team. Every read is audited in the same transaction. */
@ApplicationScoped
public class TriageRecordService {

    static final String RESOURCE = "TriageRecord";

    private final TriageDecisionRepository decisions;
    private final QueueItemRepository queue;
    private final AuditTrail audit;

    public TriageRecordService(TriageDecisionRepository decisions, QueueItemRepository queue, AuditTrail audit) {
        this.decisions = decisions;
        this.queue = queue;
        this.audit = audit;
    }

    /**
     * The record if the caller works in the thread's care team. Another team's thread and an unknown
     * one look the same (empty); both are audited, as denied and failed.
     */
    @WithTransaction
    public Uni<Optional<TriageRecord>> find(Caller caller, UUID threadId) {
        return decisions.listByThread(threadId).chain(list -> {
            if (list.isEmpty()) {
                return audit.record(caller, AuditAction.READ, RESOURCE, threadId.toString(), null, AuditOutcome.FAILED)
                        .replaceWith(Optional.<TriageRecord>empty());
            }
            return queue.findOpen(threadId).chain(item -> authorize(caller, threadId, list, item));
        });
    }

    private Uni<Optional<TriageRecord>> authorize(Caller caller, UUID threadId, List<TriageDecision> list,
                                                  QueueItem item) {
        TriageDecision latest = list.get(0);
        String careTeam = item != null ? item.careTeam : latest.careTeam;
        if (!caller.belongsToCareTeam(careTeam)) {
            Log.infof("read of triage record %s denied to %s", threadId, caller.userId());
            return audit.record(caller, AuditAction.READ, RESOURCE, threadId.toString(), latest.patientId,
                    AuditOutcome.DENIED).replaceWith(Optional.empty());
        }
        return audit.record(caller, AuditAction.READ, RESOURCE, threadId.toString(), latest.patientId,
                        AuditOutcome.SUCCESS)
                .replaceWith(Optional.of(new TriageRecord(threadId, latest.patientId, careTeam, list, item)));
    }
}
