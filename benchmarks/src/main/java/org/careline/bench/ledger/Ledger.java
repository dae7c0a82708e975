package org.careline.bench.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-of-run ledger over every accepted thread and timed reply, from the services' databases: accepted
 * (2xx answers) = stored = triaged = queued = audited, replies stored = time entries in billing, nothing twice;
 * and the end-to-end lags of all of them from the services' own timestamps.
 */
public record Ledger(int accepted, int stored, int unacknowledged, int triaged, int queued, int audited, int duplicates,
                     int repliesAccepted, int repliesStored, int repliesBilled, Lags lags, List<String> problems) {

    /** Milliseconds from the thread's {@code created_at} (reply: the message's {@code posted_at}) to each stage. */
    public record Lags(List<Long> triaged, List<Long> queued, List<Long> audited, List<Long> billed) {
    }

    /** How many rows one service holds for an id, and the earliest timestamp among them. */
    public record Stamp(int count, Instant first) {
    }

    /** What the databases hold, keyed by thread id (reply stamps by thread, time entries by message id). */
    public record Facts(Map<String, Instant> threadCreated, Set<String> threadsInWindow, Map<String, Integer> patientMessages,
                        Map<String, Stamp> decisions, Map<String, Stamp> queueItems, Map<String, Stamp> auditCreates,
                        Map<String, Stamp> timedReplies, Map<String, String> replyMessageIds, Map<String, Stamp> timeEntries) {
    }

    /** Every accepted thread went through every stage exactly once and every accepted reply reached billing. */
    public boolean balanced() {
        return stored == accepted && triaged == accepted && queued == accepted && audited == accepted && duplicates == 0
                && repliesStored == repliesAccepted && repliesBilled == repliesAccepted;
    }

    /** Whether every accepted thread and reply has reached every stage (used to wait for the drain). */
    public boolean complete() {
        return stored == accepted && triaged == accepted && queued == accepted && audited == accepted
                && repliesBilled == repliesAccepted;
    }

    public static Ledger of(Collection<String> acceptedThreads, Collection<String> repliedThreads, Facts f) {
        List<String> problems = new ArrayList<>();
        int stored = 0;
        int triaged = 0;
        int queued = 0;
        int audited = 0;
        int duplicates = 0;
        List<Long> triageLags = new ArrayList<>();
        List<Long> queueLags = new ArrayList<>();
        List<Long> auditLags = new ArrayList<>();
        List<Long> billingLags = new ArrayList<>();
        for (String id : acceptedThreads) {
            Instant created = f.threadCreated().get(id);
            if (created == null) {
                note(problems, "accepted thread " + id + " not stored");
                continue;
            }
            stored++;
            duplicates += excess(f.patientMessages().getOrDefault(id, 0), "patient messages in thread " + id, problems);
            triaged += stage(f.decisions().get(id), created, triageLags);
            queued += stage(f.queueItems().get(id), created, queueLags);
            audited += stage(f.auditCreates().get(id), created, auditLags);
            duplicates += excess(count(f.decisions().get(id)), "triage decisions for thread " + id, problems);
            duplicates += excess(count(f.queueItems().get(id)), "queue items for thread " + id, problems);
            duplicates += excess(count(f.auditCreates().get(id)), "audit CREATE records for thread " + id, problems);
            if (f.decisions().get(id) == null) {
                note(problems, "thread " + id + ": no triage decision");
            }
            if (f.queueItems().get(id) == null) {
                note(problems, "thread " + id + ": no queue item");
            }
            if (f.auditCreates().get(id) == null) {
                note(problems, "thread " + id + ": no audit CREATE record");
            }
        }
        Set<String> accepted = Set.copyOf(acceptedThreads);
        int unacknowledged = (int) f.threadsInWindow().stream().filter(id -> !accepted.contains(id)).count();
        int repliesStored = 0;
        int repliesBilled = 0;
        for (String thread : repliedThreads) {
            Stamp reply = f.timedReplies().get(thread);
            if (reply == null) {
                note(problems, "accepted timed reply on thread " + thread + " not stored");
                continue;
            }
            repliesStored++;
            duplicates += excess(reply.count(), "timed replies in thread " + thread, problems);
            Stamp entry = f.timeEntries().get(f.replyMessageIds().get(thread));
            if (entry == null) {
                note(problems, "timed reply on thread " + thread + ": no time entry in billing");
                continue;
            }
            repliesBilled++;
            billingLags.add(lag(reply.first(), entry.first()));
        }
        return new Ledger(acceptedThreads.size(), stored, unacknowledged, triaged, queued, audited, duplicates,
                repliedThreads.size(), repliesStored, repliesBilled, new Lags(triageLags, queueLags, auditLags, billingLags),
                List.copyOf(problems));
    }

    private static int stage(Stamp stamp, Instant created, List<Long> lags) {
        if (stamp == null || stamp.count() == 0) {
            return 0;
        }
        lags.add(lag(created, stamp.first()));
        return 1;
    }

    static long lag(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static int count(Stamp stamp) {
        return stamp == null ? 0 : stamp.count();
    }

    private static int excess(int count, String what, List<String> problems) {
        if (count > 1) {
            note(problems, count + " " + what);
            return count - 1;
        }
        return 0;
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }
}
