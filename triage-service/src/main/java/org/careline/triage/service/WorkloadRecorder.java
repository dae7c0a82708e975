package org.careline.triage.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.MalformedEventException;
import org.careline.events.MessagePosted;
import org.careline.triage.WorkloadKind;
import org.careline.triage.WorkloadMessage;
import org.careline.triage.config.WorkloadConfig;
import org.careline.triage.repository.WorkloadRepository;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Keeps the workload fact of a posted message: who (the care-team member or the system author; nobody for the
 * patient's side), when, whether after hours, and for a care-team reply, the first response to the thread's
 * unanswered patient messages. Never the text, the subject or the patient id. Runs in the caller's transaction.
 */
@ApplicationScoped
public class WorkloadRecorder {

    private final WorkloadRepository facts;
    private final PracticeHours hours;
    private final WorkloadConfig config;

    public WorkloadRecorder(WorkloadRepository facts, PracticeHours hours, WorkloadConfig config) {
        this.facts = facts;
        this.hours = hours;
        this.config = config;
    }

    /** The kind recorded, or null when the message was already recorded. */
    public Uni<WorkloadKind> record(MessagePosted posted) {
        UUID threadId = checked(posted);
        return facts.findById(posted.messageId()).chain(known -> known != null
                ? Uni.createFrom().nullItem()
                : write(threadId, posted));
    }

    /** What kind of work a message is: the patient's side, the automatic reply, or the care team. */
    public WorkloadKind kindOf(MessagePosted posted) {
        if (posted.author().role().speaksForPatient()) {
            return WorkloadKind.PATIENT;
        }
        return config.autoReplyAuthor().equals(posted.author().userId()) ? WorkloadKind.AUTO_REPLY : WorkloadKind.CARE_TEAM;
    }

    private Uni<WorkloadKind> write(UUID threadId, MessagePosted posted) {
        WorkloadMessage fact = new WorkloadMessage();
        fact.messageId = posted.messageId();
        fact.threadId = threadId;
        fact.careTeam = posted.careTeam();
        fact.kind = kindOf(posted);
        fact.authorRole = posted.author().role();
        fact.authorId = fact.kind == WorkloadKind.PATIENT ? null : posted.author().userId();
        fact.postedAt = posted.postedAt().truncatedTo(ChronoUnit.MICROS);
        fact.afterHours = hours.isAfterHours(fact.postedAt);
        if (fact.kind == WorkloadKind.PATIENT) {
            return facts.persist(fact).replaceWith(fact.kind);
        }
        return facts.latestPatientMessage(threadId, fact.postedAt)
                .invoke(answered -> fact.inReplyTo = answered)
                .chain(() -> facts.persist(fact))
                .chain(() -> fact.kind == WorkloadKind.CARE_TEAM
                        ? facts.markAnswered(threadId, fact.postedAt, fact.authorId).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .replaceWith(fact.kind);
    }

    private static UUID checked(MessagePosted posted) {
        if (isBlank(posted.messageId()) || isBlank(posted.careTeam()) || posted.postedAt() == null) {
            throw new MalformedEventException("message-posted event lacks message id, care team or time");
        }
        if (posted.author() == null || posted.author().role() == null || isBlank(posted.author().userId())) {
            throw new MalformedEventException("message-posted event lacks its author");
        }
        try {
            return UUID.fromString(posted.threadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("message-posted event has no valid thread id");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
