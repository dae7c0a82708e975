package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.careline.triage.WorkloadKind;
import org.careline.triage.WorkloadMessage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Workload facts: written by the workload consumer, read (aggregated) by the analytics. */
@ApplicationScoped
public class WorkloadRepository implements PanacheRepositoryBase<WorkloadMessage, String> {

    /** A patient message of the period: its team, pool, urgency, holder and first response (null: unanswered). */
    public record Received(String careTeam, String pool, String urgency, String holder, String firstResponseBy,
                           Double turnaroundSeconds) {
    }

    /** A care-team or automatic reply of the period, with the pool of the message it answers (null: none). */
    public record Reply(WorkloadKind kind, String authorId, boolean afterHours, String careTeam, String pool) {
    }

    /** Open queue items now, per team, pool and holder (null: nobody holds them). */
    public record Backlog(String careTeam, String pool, String holder, long open, long overdue) {
    }

    private static String team(String column, String careTeam) {
        return careTeam == null ? "" : " and " + column + " = :team";
    }

    private static <R> Mutiny.SelectionQuery<R> withTeam(Mutiny.SelectionQuery<R> query, String careTeam) {
        return careTeam == null ? query : query.setParameter("team", careTeam);
    }

    /** Marks the thread's unanswered patient messages up to {@code at} as answered by {@code by}. */
    public Uni<Integer> markAnswered(UUID threadId, Instant at, String by) {
        return update("firstResponseAt = ?1, firstResponseBy = ?2 where threadId = ?3 and kind = ?4 "
                + "and firstResponseAt is null and postedAt <= ?1", at, by, threadId, WorkloadKind.PATIENT);
    }

    /** The id of the thread's latest patient message at or before {@code at}, or null. */
    public Uni<String> latestPatientMessage(UUID threadId, Instant at) {
        return find("threadId = ?1 and kind = ?2 and postedAt <= ?3 order by postedAt desc", threadId,
                WorkloadKind.PATIENT, at).firstResult().map(m -> m == null ? null : m.messageId);
    }

    /** Patient messages posted in [from, to), of one care team or all (null). */
    public Uni<List<Received>> received(Instant from, Instant to, String careTeam) {
        return getSession().map(session -> session.createNativeQuery(
                        "select care_team, pool, urgency, holder, first_response_by, "
                                + "cast(extract(epoch from (first_response_at - posted_at)) as double precision) "
                                + "from workload_patient_message where posted_at >= :from and posted_at < :to "
                                + team("care_team", careTeam), Object[].class)
                .setParameter("from", from).setParameter("to", to))
                .chain(query -> withTeam(query, careTeam).getResultList())
                .map(rows -> rows.stream().map(r -> new Received((String) r[0], (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], r[5] == null ? null : ((Number) r[5]).doubleValue())).toList());
    }

    /** Care-team and automatic replies posted in [from, to), of one care team or all (null). */
    public Uni<List<Reply>> replies(Instant from, Instant to, String careTeam) {
        return getSession().map(session -> session.createNativeQuery(
                        "select r.kind, r.author_id, r.after_hours, r.care_team, p.pool from workload_message r "
                                + "left join workload_patient_message p on p.message_id = r.in_reply_to "
                                + "where r.kind <> 'PATIENT' and r.posted_at >= :from and r.posted_at < :to "
                                + team("r.care_team", careTeam), Object[].class)
                .setParameter("from", from).setParameter("to", to))
                .chain(query -> withTeam(query, careTeam).getResultList())
                .map(rows -> rows.stream().map(r -> new Reply(WorkloadKind.valueOf((String) r[0]), (String) r[1],
                        (Boolean) r[2], (String) r[3], (String) r[4])).toList());
    }

    /** Open and overdue queue items at {@code now}, per team, pool and holder. */
    public Uni<List<Backlog>> backlog(Instant now, String careTeam) {
        return getSession().map(session -> session.createNativeQuery(
                        "select care_team, queue, assignee, count(*), "
                                + "sum(case when due_at < :now then 1 else 0 end) from queue_item "
                                + "where status = 'OPEN'" + team("care_team", careTeam)
                                + " group by care_team, queue, assignee", Object[].class)
                .setParameter("now", now))
                .chain(query -> withTeam(query, careTeam).getResultList())
                .map(rows -> rows.stream().map(r -> new Backlog((String) r[0], (String) r[1], (String) r[2],
                        ((Number) r[3]).longValue(), r[4] == null ? 0 : ((Number) r[4]).longValue())).toList());
    }
}
