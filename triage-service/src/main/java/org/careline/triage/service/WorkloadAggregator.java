package org.careline.triage.service;

import org.careline.events.Urgency;
import org.careline.triage.WorkloadKind;
import org.careline.triage.repository.WorkloadRepository.Backlog;
import org.careline.triage.repository.WorkloadRepository.Received;
import org.careline.triage.repository.WorkloadRepository.Reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns workload facts into rows per pool, per care-team member, or one total. Pure: no I/O, no clock. */
public final class WorkloadAggregator {

    /** The pool of messages not (yet) triaged into a queue, and of replies that answer no patient message. */
    public static final String UNROUTED = "unrouted";
    static final String ALL = "ALL";

    private record Key(String careTeam, String pool, String clinician) {
    }

    private WorkloadAggregator() {
    }

    public static List<WorkloadRow> byPool(List<Received> received, List<Reply> replies, List<Backlog> backlog) {
        Map<Key, Tally> rows = new TreeMap<>(Comparator.comparing(Key::careTeam).thenComparing(Key::pool));
        Function<Key, Tally> row = k -> rows.computeIfAbsent(k, x -> new Tally());
        received.forEach(r -> row.apply(new Key(r.careTeam(), pool(r.pool()), null)).received(r));
        replies.forEach(r -> row.apply(new Key(r.careTeam(), pool(r.pool()), null)).reply(r));
        backlog.forEach(b -> row.apply(new Key(b.careTeam(), b.pool(), null)).backlog(b));
        return rows.entrySet().stream().map(e -> e.getValue().row(e.getKey())).toList();
    }

    public static List<WorkloadRow> byClinician(List<Received> received, List<Reply> replies, List<Backlog> backlog) {
        Map<String, Tally> rows = new TreeMap<>();
        Function<String, Tally> row = k -> rows.computeIfAbsent(k, x -> new Tally());
        for (Received r : received) {
            if (r.holder() != null) {
                row.apply(r.holder()).received++;
            }
            if (r.firstResponseBy() != null) {
                row.apply(r.firstResponseBy()).answered(r);
            }
        }
        replies.stream().filter(r -> r.kind() == WorkloadKind.CARE_TEAM && r.authorId() != null)
                .forEach(r -> row.apply(r.authorId()).reply(r));
        backlog.stream().filter(b -> b.holder() != null).forEach(b -> row.apply(b.holder()).backlog(b));
        return rows.entrySet().stream().map(e -> e.getValue().row(new Key(null, null, e.getKey()))).toList();
    }

    public static WorkloadRow totals(List<Received> received, List<Reply> replies, List<Backlog> backlog) {
        Tally all = new Tally();
        received.forEach(r -> all.received(r));
        replies.forEach(all::reply);
        backlog.forEach(all::backlog);
        return all.row(new Key(null, null, null));
    }

    private static String pool(String pool) {
        return pool == null ? UNROUTED : pool;
    }

    /** Running counts of one row. */
    private static final class Tally {
        long received;
        long answered;
        long replies;
        long afterHours;
        long autoReplies;
        long open;
        long overdue;
        final Map<String, List<Double>> turnaround = new LinkedHashMap<>();

        void received(Received r) {
            received++;
            if (r.turnaroundSeconds() != null) {
                answered(r);
            }
        }

        void answered(Received r) {
            answered++;
            turnaround.computeIfAbsent(ALL, k -> new ArrayList<>()).add(r.turnaroundSeconds());
            if (r.urgency() != null) {
                turnaround.computeIfAbsent(r.urgency(), k -> new ArrayList<>()).add(r.turnaroundSeconds());
            }
        }

        void reply(Reply r) {
            if (r.kind() == WorkloadKind.AUTO_REPLY) {
                autoReplies++;
            } else if (r.kind() == WorkloadKind.CARE_TEAM) {
                replies++;
                afterHours += r.afterHours() ? 1 : 0;
            }
        }

        void backlog(Backlog b) {
            open += b.open();
            overdue += b.overdue();
        }

        WorkloadRow row(Key key) {
            Map<String, TurnaroundStats> stats = new LinkedHashMap<>();
            stats.put(ALL, TurnaroundStats.of(turnaround.getOrDefault(ALL, List.of())));
            for (Urgency u : Urgency.values()) {
                stats.put(u.name(), TurnaroundStats.of(turnaround.getOrDefault(u.name(), List.of())));
            }
            Double share = replies == 0 ? null : Math.round(10000.0 * afterHours / replies) / 10000.0;
            return new WorkloadRow(key.careTeam(), key.pool(), key.clinician(), received, answered, replies, afterHours,
                    share, autoReplies, open, overdue, stats);
        }
    }
}
