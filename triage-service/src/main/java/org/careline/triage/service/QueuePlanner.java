package org.careline.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.Urgency;
import org.careline.triage.QueueItem;
import org.careline.triage.QueueStatus;
import org.careline.triage.TriageDecision;
import org.careline.triage.config.TriageConfig;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Places a thread in a care-team pool: the pool from the routing configuration, the due time from the
 * urgency on the business-hours calendar, counted from when the patient wrote. A later message can raise a thread's
 * urgency (and re-route it) but never lower it or push its due time back: lowering is a human call.
 */
@ApplicationScoped
public class QueuePlanner {

    private final TriageConfig config;
    private final BusinessCalendar calendar;

    public QueuePlanner(TriageConfig config, BusinessCalendar calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    /** The open item for a thread's first decision. */
    public QueueItem open(TriageDecision decision, Instant writtenAt) {
        QueueItem item = new QueueItem();
        item.id = UUID.randomUUID();
        item.threadId = decision.threadId;
        item.patientId = decision.patientId;
        item.careTeam = decision.careTeam;
        item.status = QueueStatus.OPEN;
        item.createdAt = decision.decidedAt;
        place(item, decision, writtenAt);
        return item;
    }

    /** Applies a later decision on the same thread to its open item. */
    public void update(QueueItem item, TriageDecision decision, Instant writtenAt) {
        if (decision.urgency.compareTo(item.urgency) < 0) {
            Instant previousDue = item.dueAt;
            place(item, decision, writtenAt);
            item.dueAt = item.dueAt.isBefore(previousDue) ? item.dueAt : previousDue;
        }
        item.lastMessageId = decision.messageId;
        item.updatedAt = decision.decidedAt;
    }

    /** A clinician's correction: the item takes the new urgency, route and due time, raised or lowered. */
    public void reclassify(QueueItem item, Urgency urgency, org.careline.events.Category category, Instant now) {
        item.urgency = urgency;
        item.priority = priority(urgency);
        item.queue = config.routing().queueFor(item.careTeam, urgency, category);
        item.dueAt = calendar.dueAt(urgency, item.createdAt).truncatedTo(ChronoUnit.MICROS);
        item.updatedAt = now;
    }

    /**
     * The pools an item of the care team may be in: every pool the routing configuration can send its threads to
     * (the table's routes for this team or any team, and the per-category defaults, the default pool included) and the
     * overdue escalation pool. Sorted, for messages.
     */
    public SortedSet<String> pools(String careTeam) {
        TriageConfig.Routing routing = config.routing();
        SortedSet<String> pools = new TreeSet<>(List.of(routing.emergent(), routing.medication(), routing.appointment(),
                routing.administrative(), routing.billing(), routing.testResults(), routing.clinical(),
                routing.defaultPool()));
        for (TriageConfig.Routing.Route route : routing.table().orElse(List.of())) {
            if (route.careTeam().map(careTeam::equals).orElse(true)) {
                pools.add(route.queue());
            }
        }
        config.overdue().escalationPool().filter(p -> !p.isBlank()).ifPresent(pools::add);
        return pools;
    }

    /** 1 for EMERGENT, 2 for URGENT, 3 for ROUTINE: sort ascending to work the most pressing first. */
    public static int priority(Urgency urgency) {
        return urgency.ordinal() + 1;
    }

    private void place(QueueItem item, TriageDecision decision, Instant writtenAt) {
        item.urgency = decision.urgency;
        item.priority = priority(decision.urgency);
        item.queue = config.routing().queueFor(decision.careTeam, decision.urgency, decision.category);
        item.dueAt = calendar.dueAt(decision.urgency, writtenAt).truncatedTo(ChronoUnit.MICROS);
        item.lastMessageId = decision.messageId;
        item.updatedAt = decision.decidedAt;
    }
}
