package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;
import org.careline.triage.TriageCorrection;
import org.careline.triage.repository.TriageCorrectionRepository;

import java.time.Instant;
import java.util.List;

/** Clinicians' corrections as training feedback. Every export is audited (EXPORT of TriageFeedback). */
@ApplicationScoped
public class FeedbackService {

    private final TriageCorrectionRepository corrections;
    private final AuditTrail audit;

    public FeedbackService(TriageCorrectionRepository corrections, AuditTrail audit) {
        this.corrections = corrections;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<List<TriageCorrection>> export(Caller caller, Instant since, int limit) {
        return corrections.since(since, limit)
                .call(list -> audit.record(caller, AuditAction.EXPORT, "TriageFeedback", since.toString(), null,
                        AuditOutcome.SUCCESS));
    }
}
