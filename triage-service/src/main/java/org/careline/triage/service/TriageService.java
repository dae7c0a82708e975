package org.careline.triage.service;

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
import org.careline.platform.inbox.InOrder;
import org.careline.platform.outbox.Outbox;
import org.careline.triage.repository.TriageBatchWrites;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Triages posted messages: classify each, keep the decision (never the text), place its thread in a
 * care-team queue and announce it. Runs inside the caller's transaction (the consumer's inbox batch), so
 * the decisions, the queue items, their changes, the events and the dedupe rows commit together.
 */
@ApplicationScoped
public class TriageService {

    private static final int MAX_EXPLANATION = 1000;

    private final Classifier classifier;
    private final RulesRegistry rules;
    private final TriageBatchWrites writes;
    private final QueueChangeLog changeLog;
    private final QueuePlanner planner;
    private final TriageEvents events;
    private final Outbox outbox;
    private final Clock clock;

    public TriageService(Classifier classifier, RulesRegistry rules, TriageBatchWrites writes, QueueChangeLog changeLog,
                         QueuePlanner planner, TriageEvents events, Outbox outbox, Clock clock) {
        this.classifier = classifier;
        this.rules = rules;
        this.writes = writes;
        this.changeLog = changeLog;
        this.planner = planner;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Must run in a transaction. Only patient- or caregiver-authored messages create work: the care
     * team's replies are not triaged; a message without an author's role is malformed (dead-letter topic). Returns the
     * queue change, or null when nothing changed; it is already in the change log (the live stream gets it once the
     * transaction commits): do not append it again.
     */
    public Uni<QueueChange> triage(MessagePosted message) {
        return triageAll(List.of(message)).map(changes -> changes.isEmpty() ? null : changes.get(0));
    }

    /**
     * Triages messages in order as if one after the other, each seeing the decisions and queue items of those before
     * it, with a few statements for all of them (issue 9): one read of the messages already decided, one of the
     * threads' open items (locked), then one insert of the decisions, one of the new items, one update of the changed
     * ones, one of their queue changes (the change log) and one of their events (the outbox). Must run in a
     * transaction. A malformed message fails the whole call (the consumer then takes its batch one event at a time).
     * Returns the queue changes, in order, already appended to the change log.
     */
    public Uni<List<QueueChange>> triageAll(List<MessagePosted> messages) {
        List<MessagePosted> patientSide = new ArrayList<>(messages.size());
        Set<String> messageIds = new HashSet<>();
        Set<UUID> threadIds = new HashSet<>();
        for (MessagePosted message : messages) {
            UUID threadId = checked(message);
            if (!message.author().role().speaksForPatient()) {
                Log.debugf("message %s on thread %s is not from the patient's side: not triaged", message.messageId(), threadId);
                continue;
            }
            patientSide.add(message);
            messageIds.add(message.messageId());
            threadIds.add(threadId);
        }
        if (patientSide.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return outbox.inOneInsert(() -> writes.decided(messageIds)
                .chain(decided -> writes.openItemsForUpdate(threadIds)
                        .chain(open -> decideAll(patientSide, decided, open))));
    }

    private Uni<List<QueueChange>> decideAll(List<MessagePosted> messages, Set<String> decided, List<QueueItem> open) {
        Map<UUID, QueueItem> items = new HashMap<>();
        open.forEach(item -> items.put(item.threadId, item));
        Set<UUID> created = new HashSet<>();
        Map<UUID, QueueItem> updated = new LinkedHashMap<>();
        List<TriageDecision> decisions = new ArrayList<>(messages.size());
        List<QueueItem> newItems = new ArrayList<>();
        List<QueueChange> changes = new ArrayList<>(messages.size());
        List<Uni<Void>> events = new ArrayList<>();
        for (MessagePosted message : messages) {
            if (!decided.add(message.messageId())) {
                continue; // decided before, or earlier in this batch
            }
            UUID threadId = UUID.fromString(message.threadId());
            TriageDecision decision = decision(threadId, message);
            Instant writtenAt = message.postedAt() != null ? message.postedAt() : decision.decidedAt;
            QueueItem item = items.get(threadId);
            String change;
            if (item == null) {
                item = planner.open(decision, writtenAt);
                items.put(threadId, item);
                created.add(item.id);
                newItems.add(item);
                change = "QUEUED";
            } else {
                planner.update(item, decision, writtenAt);
                if (!created.contains(item.id)) {
                    updated.put(item.id, item);
                }
                change = "UPDATED";
            }
            decisions.add(decision);
            // the events are built now, from the item as this decision left it
            events.add(this.events.messageTriaged(decision, item));
            if (decision.urgency == Urgency.EMERGENT) {
                events.add(this.events.threadEscalated(item, decision.messageId, EscalationReason.EMERGENT,
                        decision.decidedAt));
            }
            if (decision.visitRuleId != null) {
                events.add(this.events.visitRecommended(decision));
            }
            Log.infof("message %s on thread %s triaged %s, queued in %s/%s", decision.messageId, threadId,
                    decision.urgency, item.careTeam, item.queue);
            changes.add(QueueChange.of(change, item, decision.decidedAt));
        }
        return writes.insertDecisions(decisions)
                .chain(() -> writes.insertItems(newItems))
                .chain(() -> writes.update(List.copyOf(updated.values())))
                .chain(() -> changeLog.appendAll(changes, null))
                .chain(() -> InOrder.run(events, event -> event))
                .replaceWith(changes);
    }

    private TriageDecision decision(UUID threadId, MessagePosted message) {
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
        return decision;
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
