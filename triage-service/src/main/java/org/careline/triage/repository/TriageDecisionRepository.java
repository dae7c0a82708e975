package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.TriageDecision;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TriageDecisionRepository implements PanacheRepositoryBase<TriageDecision, UUID> {

    /** A thread's decisions, newest first. */
    public Uni<List<TriageDecision>> listByThread(UUID threadId) {
        return list("threadId = ?1 order by decidedAt desc, id desc", threadId);
    }

    public Uni<Boolean> existsForMessage(String messageId) {
        return count("messageId", messageId).map(count -> count > 0);
    }
}
