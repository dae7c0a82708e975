package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.Category;
import org.careline.events.EscalationReason;
import org.careline.events.Urgency;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.triage.QueueItem;
import org.careline.triage.QueueStatus;
import org.careline.triage.TriageCorrection;
import org.careline.triage.repository.QueueItemRepository;
import org.careline.triage.repository.TriageCorrectionRepository;
import org.careline.triage.repository.TriageDecisionRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The care team's work list: queues with their counts, a queue's items, and the actions on one item
 * (claim, release, reassign, complete, reclassify). Only members of the item's care team see or touch
 * it; anyone else gets the same 404 as for an unknown item. Every read and write of items is audited in
 * the same transaction, refused and failed attempts included. Each change is appended to the shared change log in its
 * transaction ({@link QueueChangeLog}): every instance's live stream gets it once it commits. Every call puts the
 * caller on their care teams' rosters ({@link CareTeamRoster}), which reassigning to a person checks.
 */
@ApplicationScoped
public class QueueWorkService {

    static final String RESOURCE = "QueueItem";
    /** The audited resource id of opening the live stream. */
    static final String STREAM = "stream";
    private static final String NOT_FOUND = "No open queue item with this id is visible to you.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String CARE_TEAMS = "/care-teams/";

    private final QueueItemRepository items;
    private final TriageDecisionRepository decisions;
    private final TriageCorrectionRepository corrections;
    private final QueuePlanner planner;
    private final TriageEvents events;
    private final AuditTrail audit;
    private final QueueChangeLog changeLog;
    private final CareTeamRoster roster;
    private final QueueChanges changes;
    private final Clock clock;

    public QueueWorkService(QueueItemRepository items, TriageDecisionRepository decisions,
                            TriageCorrectionRepository corrections, QueuePlanner planner, TriageEvents events,
                            AuditTrail audit, QueueChangeLog changeLog, CareTeamRoster roster,
                            QueueChanges changes, Clock clock) {
        this.items = items;
        this.decisions = decisions;
        this.corrections = corrections;
        this.planner = planner;
        this.events = events;
        this.audit = audit;
        this.changeLog = changeLog;
        this.roster = roster;
        this.changes = changes;
        this.clock = clock;
    }

    /** The queues of the caller's care teams with open and overdue counts, including empty pools of its groups. */
    @WithSession
    public Uni<List<QueueItemRepository.Counts>> queues(Caller caller) {
        Set<String> teams = caller.careTeams();
        if (teams.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return roster.saw(caller).chain(() -> items.counts(teams, now())).map(counts -> {
            List<QueueItemRepository.Counts> all = new ArrayList<>(counts);
            for (String group : caller.groups()) {
                String[] parts = group.startsWith(CARE_TEAMS) ? group.substring(CARE_TEAMS.length()).split("/") : new String[0];
                if (parts.length == 2 && all.stream().noneMatch(c -> c.careTeam().equals(parts[0]) && c.queue().equals(parts[1]))) {
                    all.add(new QueueItemRepository.Counts(parts[0], parts[1], 0, 0));
                }
            }
            all.sort(java.util.Comparator.comparing(QueueItemRepository.Counts::careTeam)
                    .thenComparing(QueueItemRepository.Counts::queue));
            return all;
        });
    }

    /** A page (limit + 1 fetched to know whether more follow) of a queue's open items in the caller's teams. */
    @WithTransaction
    public Uni<List<QueueItem>> page(Caller caller, String queue, QueueItemRepository.Position after, int limit) {
        Set<String> teams = caller.careTeams();
        if (teams.isEmpty()) {
            return audit.record(caller, AuditAction.QUERY, RESOURCE, queue, null, AuditOutcome.DENIED)
                    .replaceWith(List.of());
        }
        return roster.saw(caller).chain(() -> items.page(teams, queue, after, limit + 1))
                .call(list -> audit.record(caller, AuditAction.QUERY, RESOURCE, queue, null, AuditOutcome.SUCCESS));
    }

    /**
     * The live changes to queues of the caller's care teams (never another team's), from now on or, with
     * {@code lastEventId}, from after that id: first the missed ones from the change log, then the live ones. An id
     * the log no longer holds (older than the retention) or never handed out starts with a reset marker (reload the
     * queues). Opening a stream is audited as a QUERY of QueueItem {@code stream}; a caller without a care team gets
     * DENIED and a stream that carries no change.
     */
    public Multi<StreamedChange> stream(Caller caller, Long lastEventId) {
        Set<String> teams = caller.isCareTeamMember() ? caller.careTeams() : Set.of();
        AuditOutcome outcome = teams.isEmpty() ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
        Uni<Void> opened = Panache.withTransaction(() -> roster.saw(caller)
                .chain(() -> audit.record(caller, AuditAction.QUERY, RESOURCE, STREAM, null, outcome)));
        if (teams.isEmpty()) {
            return opened.onItem().transformToMulti(v -> Multi.createFrom().nothing());
        }
        if (lastEventId == null) {
            return opened.onItem().transformToMulti(v -> changes.of(teams));
        }
        return opened.chain(changeLog::bounds).onItem().transformToMulti(bounds -> {
            boolean unknown = lastEventId > bounds.newest();
            boolean expired = bounds.oldest() == null ? lastEventId < bounds.newest() : lastEventId < bounds.oldest() - 1;
            if (unknown || expired) {
                return Multi.createBy().concatenating().streams(
                        Multi.createFrom().item(StreamedChange.reset(bounds.newest())),
                        changes.since(teams, bounds.newest()));
            }
            return changes.since(teams, lastEventId);
        });
    }

    @WithTransaction
    public Uni<WorkResult> claim(Caller caller, UUID id) {
        return act(caller, id, "CLAIMED", item -> {
            if (item.assignee != null && !item.assignee.equals(caller.userId())) {
                return conflict("The item is held by someone else: ask them to release it, or reassign it.");
            }
            item.assignee = caller.userId();
            item.assignedAt = now();
            return null;
        });
    }

    @WithTransaction
    public Uni<WorkResult> release(Caller caller, UUID id) {
        return act(caller, id, "RELEASED", item -> {
            if (item.assignee != null && !item.assignee.equals(caller.userId())) {
                return conflict("Only the holder releases an item; reassign it instead.");
            }
            item.assignee = null;
            item.assignedAt = null;
            return null;
        });
    }

    /**
     * Gives the item to a person (user id) and/or moves it to another pool of its care team. The pool must be one the
     * routing configuration knows for the item's care team ({@link QueuePlanner#pools}); the person must be on the
     * team's roster ({@link CareTeamRoster}). Otherwise 422, audited as FAILED.
     */
    @WithTransaction
    public Uni<WorkResult> reassign(Caller caller, UUID id, String assignee, String queue) {
        boolean toQueue = queue != null && !queue.isBlank();
        boolean toPerson = assignee != null && !assignee.isBlank();
        if (!toQueue && !toPerson) {
            return Uni.createFrom().item(WorkResult.problem(ProblemException.badRequest("Give an assignee, a queue or both.")));
        }
        if (toQueue && !NAME.matcher(queue).matches()) {
            return Uni.createFrom().item(WorkResult.problem(ProblemException.badRequest(
                    "A queue name is 1-64 lower-case letters, digits and dashes.")));
        }
        if (assignee != null && assignee.length() > 128) {
            return Uni.createFrom().item(WorkResult.problem(ProblemException.badRequest("An assignee id is at most 128 characters.")));
        }
        return roster.saw(caller).chain(() -> visible(caller, id, AuditAction.UPDATE)).chain(item -> {
            if (item == null) {
                return Uni.createFrom().item(WorkResult.problem(ProblemException.notFound(NOT_FOUND)));
            }
            if (toQueue && !planner.pools(item.careTeam).contains(queue)) {
                return refused(caller, item, new ProblemException(422, "unknown-pool", "Unprocessable Content",
                        "The queue is not a pool of care team " + item.careTeam + ". Valid pools: "
                                + String.join(", ", planner.pools(item.careTeam)) + "."));
            }
            Uni<Boolean> known = toPerson ? roster.isMember(item.careTeam, assignee) : Uni.createFrom().item(true);
            return known.chain(member -> {
                if (!member) {
                    return refused(caller, item, new ProblemException(422, "unknown-assignee", "Unprocessable Content",
                            "The assignee is not a known member of care team " + item.careTeam + ": triage knows the "
                                    + "members who used the work list with this team's group in the last "
                                    + roster.validFor().toDays() + " days."));
                }
                if (toQueue) {
                    item.queue = queue;
                    item.assignee = null;
                    item.assignedAt = null;
                }
                if (toPerson) {
                    item.assignee = assignee;
                    item.assignedAt = now();
                }
                return succeeded(caller, item, "REASSIGNED");
            });
        });
    }

    @WithTransaction
    public Uni<WorkResult> complete(Caller caller, UUID id) {
        return act(caller, id, "COMPLETED", item -> {
            item.status = QueueStatus.COMPLETED;
            item.completedBy = caller.userId();
            item.completedAt = now();
            return null;
        }).call(result -> result.item() == null ? Uni.createFrom().voidItem() : events.queueItemCompleted(result.item()));
    }

    /** A clinician's correction of the latest decision on the item's thread, kept as training feedback. */
    @WithTransaction
    public Uni<WorkResult> reclassify(Caller caller, UUID id, Urgency urgency, Category category) {
        return roster.saw(caller).chain(() -> visible(caller, id, AuditAction.UPDATE)).chain(item -> {
            if (item == null) {
                return Uni.createFrom().item(WorkResult.problem(ProblemException.notFound(NOT_FOUND)));
            }
            return decisions.find("messageId", item.lastMessageId).firstResult().chain(decision -> {
                Urgency before = item.urgency;
                TriageCorrection c = new TriageCorrection();
                c.id = UUID.randomUUID();
                c.decisionId = decision.id;
                c.threadId = item.threadId;
                c.messageId = decision.messageId;
                c.careTeam = item.careTeam;
                c.rulesVersion = decision.rulesVersion;
                c.fromUrgency = decision.urgency;
                c.fromCategory = decision.category;
                c.toUrgency = urgency;
                c.toCategory = category;
                c.correctedBy = caller.userId();
                c.correctedAt = now();
                planner.reclassify(item, urgency, category, c.correctedAt);
                Uni<Void> escalate = urgency == Urgency.EMERGENT && before != Urgency.EMERGENT
                        ? events.threadEscalated(item, item.lastMessageId, EscalationReason.EMERGENT, c.correctedAt)
                        : Uni.createFrom().voidItem();
                return corrections.persist(c)
                        .call(() -> escalate)
                        .call(() -> audit.record(caller, AuditAction.UPDATE, RESOURCE, item.id.toString(), item.patientId,
                                AuditOutcome.SUCCESS))
                        .call(() -> changeLog.append(QueueChange.of("RECLASSIFIED", item, c.correctedAt), caller.userId()))
                        .replaceWith(WorkResult.ok(item));
            });
        });
    }

    /**
     * Loads an open item the caller may act on, applies the change (null) or refuses it (a problem), and audits
     * the attempt. Refusals are returned, not thrown, so that their audit record commits. A change is logged for the
     * live streams as {@code change}.
     */
    private Uni<WorkResult> act(Caller caller, UUID id, String change, Function<QueueItem, ProblemException> action) {
        return roster.saw(caller).chain(() -> visible(caller, id, AuditAction.UPDATE)).chain(item -> {
            if (item == null) {
                return Uni.createFrom().item(WorkResult.problem(ProblemException.notFound(NOT_FOUND)));
            }
            ProblemException refused = action.apply(item);
            if (refused != null) {
                return refused(caller, item, refused);
            }
            return succeeded(caller, item, change);
        });
    }

    private Uni<WorkResult> refused(Caller caller, QueueItem item, ProblemException problem) {
        return audit.record(caller, AuditAction.UPDATE, RESOURCE, item.id.toString(), item.patientId,
                AuditOutcome.FAILED).replaceWith(WorkResult.problem(problem));
    }

    private Uni<WorkResult> succeeded(Caller caller, QueueItem item, String change) {
        item.updatedAt = now();
        return audit.record(caller, AuditAction.UPDATE, RESOURCE, item.id.toString(), item.patientId, AuditOutcome.SUCCESS)
                .call(() -> changeLog.append(QueueChange.of(change, item, item.updatedAt), caller.userId()))
                .replaceWith(WorkResult.ok(item));
    }

    /** The open item if the caller works in its care team, else null (audited as FAILED or DENIED). */
    private Uni<QueueItem> visible(Caller caller, UUID id, AuditAction action) {
        return items.findById(id).chain(item -> {
            if (item == null || item.status != QueueStatus.OPEN) {
                return audit.record(caller, action, RESOURCE, id.toString(), item == null ? null : item.patientId,
                        AuditOutcome.FAILED).replaceWith((QueueItem) null);
            }
            if (!caller.belongsToCareTeam(item.careTeam)) {
                return audit.record(caller, action, RESOURCE, id.toString(), item.patientId, AuditOutcome.DENIED)
                        .replaceWith((QueueItem) null);
            }
            return Uni.createFrom().item(item);
        });
    }

    private static ProblemException conflict(String detail) {
        return ProblemException.conflict(detail);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
