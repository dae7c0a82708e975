package org.careline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The consumer-lag time series as a small Markdown table (one row every few seconds) and each group's verdict. */
public final class LagTable {

    private LagTable() {
    }

    /** Bounded when every group's lag is bounded over the load (groups with too few samples do not count). */
    public static boolean bounded(List<LagTrend> trends) {
        return trends.stream().noneMatch(t -> t.verdict() == LagTrend.Verdict.GROWING);
    }

    public static List<LagTrend> trends(Map<String, List<LagTrend.Sample>> samples, double loadSeconds, double growthShare) {
        List<LagTrend> out = new ArrayList<>();
        samples.forEach((group, list) -> out.add(LagTrend.judge(group, list, 0, loadSeconds, growthShare)));
        return out;
    }

    /** At most about 24 rows: every {@code step} seconds, the last sample at or before that time. */
    public static String render(Map<String, List<LagTrend.Sample>> samples, double loadSeconds, double lastSeconds,
                                List<LagTrend> trends, double growthShare) {
        StringBuilder md = new StringBuilder();
        if (samples.isEmpty()) {
            return "No sample: Kafka was not reachable.\n";
        }
        int step = Math.max(1, (int) Math.ceil(lastSeconds / 24));
        md.append("Lag (records not yet consumed) every ").append(step).append(" s; the load ran for ")
                .append(String.format(Locale.ROOT, "%.0f", loadSeconds)).append(" s, later rows are the drain.\n\n");
        md.append("| s |");
        samples.keySet().forEach(g -> md.append(' ').append(g).append(" |"));
        md.append("\n|---|");
        samples.keySet().forEach(g -> md.append("---|"));
        md.append('\n');
        for (int t = 0; t <= Math.ceil(lastSeconds); t += step) {
            md.append("| ").append(t).append(t > loadSeconds ? " (drain)" : "").append(" |");
            for (List<LagTrend.Sample> list : samples.values()) {
                md.append(' ').append(at(list, t)).append(" |");
            }
            md.append('\n');
        }
        md.append("\n| Group | verdict over the load | slope, 2nd half (records/s) | input rate, 2nd half (records/s) | max lag | lag at load end |\n|---|---|---|---|---|---|\n");
        for (LagTrend t : trends) {
            md.append("| ").append(t.group()).append(" | ").append(t.verdict()).append(" | ")
                    .append(fmt(t.slopePerSecond())).append(" | ").append(fmt(t.inputPerSecond())).append(" | ")
                    .append(t.max()).append(" | ").append(t.last()).append(" |\n");
        }
        md.append("\nGrowing = the least-squares slope of the lag over the second half of the load exceeds both 1 record/s and ")
                .append(String.format(Locale.ROOT, "%.0f", growthShare * 100)).append("% of the records arriving on the group's topics (`bench.lagGrowthShare`).\n");
        return md.toString();
    }

    static String at(List<LagTrend.Sample> list, double t) {
        LagTrend.Sample found = null;
        for (LagTrend.Sample s : list) {
            if (s.atSeconds() <= t + 0.5) {
                found = s;
            }
        }
        return found == null ? "-" : Long.toString(found.lag());
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }
}
