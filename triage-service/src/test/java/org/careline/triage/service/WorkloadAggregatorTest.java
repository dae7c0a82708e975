package org.careline.triage.service;

import org.careline.triage.WorkloadKind;
import org.careline.triage.repository.WorkloadRepository.Backlog;
import org.careline.triage.repository.WorkloadRepository.Received;
import org.careline.triage.repository.WorkloadRepository.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The turnaround percentiles and the per-pool, per-member and total figures, on hand-made facts. */
class WorkloadAggregatorTest {

    private static final String T = "family-medicine";

    @Test
    void percentilesInterpolateBetweenRanksLikePercentileCont() {
        // PostgreSQL: select percentile_cont(0.5), percentile_cont(0.9) within group (order by x)
        // from unnest(array[60, 600, 120, 3600]) x  ->  360, 2700
        TurnaroundStats four = TurnaroundStats.of(List.of(60.0, 600.0, 120.0, 3600.0));
        assertEquals(4, four.answered());
        assertEquals(360.0, four.medianSeconds());
        assertEquals(2700.0, four.p90Seconds());

        TurnaroundStats one = TurnaroundStats.of(List.of(900.0));
        assertEquals(900.0, one.medianSeconds());
        assertEquals(900.0, one.p90Seconds());

        TurnaroundStats none = TurnaroundStats.of(List.of());
        assertEquals(0, none.answered());
        assertNull(none.medianSeconds());
        assertNull(none.p90Seconds());

        // ten values 1..10: median 5.5, p90 at rank 8.1 -> 9.1
        TurnaroundStats ten = TurnaroundStats.of(List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0));
        assertEquals(5.5, ten.medianSeconds());
        assertEquals(9.1, ten.p90Seconds());
    }

    @Test
    void poolsCountReceivedAnsweredRepliesAfterHoursAutoRepliesAndBacklog() {
        List<Received> received = List.of(
                new Received(T, "nurse-pool", "URGENT", null, "rn", 600.0),
                new Received(T, "nurse-pool", "ROUTINE", "rn", "md", 7200.0),
                new Received(T, "nurse-pool", "ROUTINE", null, null, null),
                new Received(T, null, null, null, null, null));
        List<Reply> replies = List.of(
                new Reply(WorkloadKind.CARE_TEAM, "rn", false, T, "nurse-pool"),
                new Reply(WorkloadKind.CARE_TEAM, "md", true, T, "nurse-pool"),
                new Reply(WorkloadKind.CARE_TEAM, "md", true, T, "nurse-pool"),
                new Reply(WorkloadKind.AUTO_REPLY, "careline-auto-reply", true, T, "nurse-pool"),
                new Reply(WorkloadKind.CARE_TEAM, "md", false, T, null));
        List<Backlog> backlog = List.of(new Backlog(T, "nurse-pool", "rn", 2, 1), new Backlog(T, "nurse-pool", null, 3, 0),
                new Backlog(T, "front-desk", null, 1, 1));

        List<WorkloadRow> rows = WorkloadAggregator.byPool(received, replies, backlog);
        assertEquals(List.of("front-desk", "nurse-pool", "unrouted"), rows.stream().map(WorkloadRow::pool).toList());
        WorkloadRow nurses = rows.get(1);
        assertEquals(3, nurses.received());
        assertEquals(2, nurses.answered());
        assertEquals(3, nurses.repliesSent());
        assertEquals(2, nurses.afterHoursReplies());
        assertEquals(0.6667, nurses.afterHoursShare());
        assertEquals(1, nurses.autoReplies());
        assertEquals(5, nurses.openBacklog());
        assertEquals(1, nurses.overdueBacklog());
        assertEquals(new TurnaroundStats(2, 3900.0, 6540.0), nurses.turnaround().get("ALL"));
        assertEquals(new TurnaroundStats(1, 600.0, 600.0), nurses.turnaround().get("URGENT"));
        assertEquals(new TurnaroundStats(0, null, null), nurses.turnaround().get("EMERGENT"));
        assertEquals(List.of("ALL", "EMERGENT", "URGENT", "ROUTINE"), List.copyOf(nurses.turnaround().keySet()));

        WorkloadRow unrouted = rows.get(2);
        assertEquals(1, unrouted.received());
        assertEquals(1, unrouted.repliesSent());
        assertEquals(0.0, unrouted.afterHoursShare());
        WorkloadRow desk = rows.get(0);
        assertEquals(0, desk.received());
        assertNull(desk.afterHoursShare());
        assertEquals(1, desk.overdueBacklog());

        WorkloadRow totals = WorkloadAggregator.totals(received, replies, backlog);
        assertEquals(4, totals.received());
        assertEquals(4, totals.repliesSent());
        assertEquals(0.5, totals.afterHoursShare());
        assertEquals(6, totals.openBacklog());
    }

    @Test
    void membersAreCreditedWithWhatTheyHeldAnsweredFirstAndReplied() {
        List<Received> received = List.of(
                new Received(T, "nurse-pool", "URGENT", "rn", "md", 300.0),
                new Received(T, "nurse-pool", "ROUTINE", "rn", "rn", 900.0),
                new Received(T, "nurse-pool", "ROUTINE", null, null, null));
        List<Reply> replies = List.of(
                new Reply(WorkloadKind.CARE_TEAM, "md", true, T, "nurse-pool"),
                new Reply(WorkloadKind.CARE_TEAM, "rn", false, T, "nurse-pool"),
                new Reply(WorkloadKind.AUTO_REPLY, "careline-auto-reply", true, T, "nurse-pool"));
        List<Backlog> backlog = List.of(new Backlog(T, "nurse-pool", "rn", 2, 1), new Backlog(T, "nurse-pool", null, 3, 3));

        List<WorkloadRow> rows = WorkloadAggregator.byClinician(received, replies, backlog);
        assertEquals(List.of("md", "rn"), rows.stream().map(WorkloadRow::clinician).toList());
        WorkloadRow md = rows.get(0);
        assertEquals(0, md.received());
        assertEquals(1, md.answered());
        assertEquals(1.0, md.afterHoursShare());
        assertEquals(new TurnaroundStats(1, 300.0, 300.0), md.turnaround().get("URGENT"));
        assertEquals(0, md.autoReplies());
        WorkloadRow rn = rows.get(1);
        assertEquals(2, rn.received());
        assertEquals(1, rn.answered());
        assertEquals(2, rn.openBacklog());
        assertEquals(1, rn.overdueBacklog());
        assertNull(rn.careTeam());
    }
}
