package org.careline.triage.service;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EscalationReason;
import org.careline.events.MalformedEventException;
import org.careline.events.Urgency;
import org.careline.events.MessagePosted;
import org.careline.triage.QueueItem;
import org.careline.triage.TriageDecision;
import org.careline.triage.classify.Classification;
import org.careline.triage.classify.Classifier;
import org.careline.triage.classify.MessageText;
import org.careline.triage.classify.VisitRecommendation;
import org.careline.triage.repository.QueueItemRepository;
import org.careline.triage.repository.TriageDecisionRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code TriageService.triage} as it was before the batch write path (issue 9, tput): per event an ORM count, persist,
 * find and flush. Kept verbatim for {@code TriageIngestBenchmark} only (present only in its profile).
 */
@IfBuildProperty(name = "careline.bench.orm-batch-consumer", stringValue = "true")
@ApplicationScoped
public class OrmTriageService {

    private static final int MAX_EXPLANATION = 1000;

    private final Classifier classifier;
    private final RulesRegistry rules;
    private final TriageDecisionRepository decisions;
    private final QueueItemRepository queue;
    private final QueuePlanner planner;
    private final TriageEvents events;
    private final Clock clock;

    public OrmTriageService(Classifier classifier, RulesRegistry rules, TriageDecisionRepository decisions,
                         QueueItemRepository queue, QueuePlanner planner, TriageEvents events, Clock clock) {
        this.classifier = classifier;
        this.rules = rules;
        this.decisions = decisions;
        this.queue = queue;
        this.planner = planner;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Must run in a transaction. Only patient- or caregiver-authored messages create work: the care
     * team's replies are not triaged; a message without an author's role is malformed (dead-letter topic). The queue change, or null when nothing changed,
     * is for the live stream once the transaction commits.
     */
    public Uni<QueueChange> triage(MessagePosted message) {
        UUID threadId = checked(message);
        if (!message.author().role().speaksForPatient()) {
            Log.debugf("message %s on thread %s is not from the patient's side: not triaged", message.messageId(), threadId);
            return Uni.createFrom().nullItem();
        }
        return decisions.existsForMessage(message.messageId()).chain(known -> known
                ? Uni.createFrom().nullItem()
                : decide(threadId, message));
    }

    private Uni<QueueChange> decide(UUID threadId, MessagePosted message) {
        MessageText text = new MessageText(message.subject(), message.body(), message.topic());
        Classification result = classifier.classify(text);
        Optional<VisitRecommendation> visit = rules.recommendVisit(text, result);
        TriageDecision decision = new TriageDecision();
        decision.id = UUID.randomUUID();
        decision.threadId = threadId;
        decision.messageId = message.messageId();
        decision.patientId = message.patientId();
        decision.careTeam = message.careTeam();
        decision.urgency = result.urgency();
        decision.category = result.category();
        decision.confidence = result.confidence();
        decision.explanation = explanation(result.explanation(), visit);
        visit.ifPresent(v -> {
            decision.visitRuleId = v.ruleId();
            decision.visitType = v.visitType();
            decision.visitReason = v.reason();
        });
        decision.rulesVersion = result.rulesVersion();
        decision.decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant writtenAt = message.postedAt() != null ? message.postedAt() : decision.decidedAt;
        String[] change = new String[1];

        return decisions.persist(decision)
                .chain(() -> queue.findOpen(threadId))
                .chain(open -> {
                    if (open == null) {
                        return queue.persist(planner.open(decision, writtenAt)).invoke(item -> change[0] = "QUEUED");
                    }
                    planner.update(open, decision, writtenAt);
                    change[0] = "UPDATED";
                    return Uni.createFrom().item(open);
                })
                .call(item -> events.messageTriaged(decision, item))
                .call(item -> decision.urgency == Urgency.EMERGENT
                        ? events.threadEscalated(item, decision.messageId, EscalationReason.EMERGENT, decision.decidedAt)
                        : Uni.createFrom().voidItem())
                .call(item -> decision.visitRuleId != null
                        ? events.visitRecommended(decision)
                        : Uni.createFrom().voidItem())
                .invoke(item -> Log.infof("message %s on thread %s triaged %s, queued in %s/%s", decision.messageId,
                        threadId, decision.urgency, item.careTeam, item.queue))
                .map(item -> QueueChange.of(change[0], item, decision.decidedAt));
    }

    /** The classifier's explanation, then the visit rule that fired (kept within the column's 1000 characters). */
    private static String explanation(String classified, Optional<VisitRecommendation> visit) {
        if (visit.isEmpty()) {
            return classified;
        }
        String suffix = "; " + visit.get().explanation();
        if (suffix.length() >= MAX_EXPLANATION) {
            suffix = suffix.substring(0, MAX_EXPLANATION / 2);
        }
        int room = MAX_EXPLANATION - suffix.length();
        return (classified.length() > room ? classified.substring(0, room - 3) + "..." : classified) + suffix;
    }

    /** The thread id; a message without the identifiers triage keys on is malformed (dead-letter topic). */
    private static UUID checked(MessagePosted message) {
        if (isBlank(message.messageId()) || isBlank(message.patientId()) || isBlank(message.careTeam())) {
            throw new MalformedEventException("message-posted event lacks message, patient or care team id");
        }
        if (message.author() == null || message.author().role() == null) {
            throw new MalformedEventException("message-posted event lacks its author's role");
        }
        try {
            return UUID.fromString(message.threadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("message-posted event has no valid thread id");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
