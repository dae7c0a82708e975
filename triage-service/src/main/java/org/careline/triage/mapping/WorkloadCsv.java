package org.careline.triage.mapping;

import org.careline.events.Urgency;
import org.careline.triage.service.TurnaroundStats;
import org.careline.triage.service.WorkloadReport;
import org.careline.triage.service.WorkloadRow;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A workload report as CSV (RFC 4180): a header, one line per row, then a {@code total} line for admins. Turnaround
 * columns per urgency (ALL, EMERGENT, URGENT, ROUTINE): answered, median and p90 seconds; empty when none.
 */
public final class WorkloadCsv {

    public static final String HEADER = "row,careTeam,pool,clinician,received,answered,repliesSent,afterHoursReplies,"
            + "afterHoursShare,autoReplies,openBacklog,overdueBacklog,allAnswered,allMedianSeconds,allP90Seconds,"
            + "emergentAnswered,emergentMedianSeconds,emergentP90Seconds,urgentAnswered,urgentMedianSeconds,"
            + "urgentP90Seconds,routineAnswered,routineMedianSeconds,routineP90Seconds";

    private WorkloadCsv() {
    }

    public static String write(WorkloadReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        report.rows().forEach(r -> lines.add(line(report.groupBy(), r)));
        if (report.totals() != null) {
            lines.add(line("total", report.totals()));
        }
        return lines.stream().collect(Collectors.joining("\n", "", "\n"));
    }

    private static String line(String kind, WorkloadRow r) {
        List<String> cells = new ArrayList<>(List.of(kind, cell(r.careTeam()), cell(r.pool()), cell(r.clinician()),
                Long.toString(r.received()), Long.toString(r.answered()), Long.toString(r.repliesSent()),
                Long.toString(r.afterHoursReplies()), number(r.afterHoursShare()), Long.toString(r.autoReplies()),
                Long.toString(r.openBacklog()), Long.toString(r.overdueBacklog())));
        for (String u : urgencies()) {
            TurnaroundStats t = r.turnaround().get(u);
            cells.add(Long.toString(t == null ? 0 : t.answered()));
            cells.add(number(t == null ? null : t.medianSeconds()));
            cells.add(number(t == null ? null : t.p90Seconds()));
        }
        return String.join(",", cells);
    }

    private static List<String> urgencies() {
        List<String> all = new ArrayList<>(List.of("ALL"));
        for (Urgency u : Urgency.values()) {
            all.add(u.name());
        }
        return all;
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
    }

    /** Quotes a cell with a comma, quote or line break; a leading = + - @ is prefixed with ' (no spreadsheet formulas). */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
