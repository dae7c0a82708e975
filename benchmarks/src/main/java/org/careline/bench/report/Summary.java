package org.careline.bench.report;

import org.careline.bench.BenchConfig;
import org.careline.bench.Probe;
import org.careline.bench.RunLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The Markdown summary of one run (also printed to the console). */
public final class Summary {

    /** Everything measured, gathered by the simulation. */
    public record Inputs(BenchConfig config, Instant loadStart, Instant loadEnd, RunLog log, Probe.Result probe,
                         Map<String, ProcessStats.Sample> procBefore, Map<String, ProcessStats.Sample> procAfter,
                         Map<String, Long> lagAtLoadEnd, Map<String, Long> lagAfterProbe,
                         String machineBefore, String machineAfter) {
    }

    private Summary() {
    }

    public static String render(Inputs in) {
        StringBuilder md = new StringBuilder();
        BenchConfig c = in.config();
        double seconds = Math.max(0.001, Duration.between(in.loadStart(), in.loadEnd()).toMillis() / 1000.0);
        md.append("# Careline benchmark summary\n\n");
        md.append("- Run: ").append(in.loadStart()).append(", target arrival rate ").append(fmt(c.rate()))
                .append(" requests/s for ").append(c.duration().toSeconds()).append(" s (open model: 60% new threads, 25% timed replies, 15% reads)")
                .append(", gateway ").append(c.gatewayUrl()).append('\n');
        md.append("- Machine before: ").append(in.machineBefore()).append("; after: ").append(in.machineAfter()).append('\n');
        md.append("- Load phase wall time: ").append(fmt(seconds)).append(" s\n\n");

        md.append("## HTTP (all requests of the measured load)\n\n");
        md.append("| Request | Count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        new TreeMap<>(in.log().latencies()).forEach((type, values) ->
                md.append(Percentiles.of(values).row(type)).append('\n'));
        md.append("\n| Request and status | Count |\n|---|---|\n");
        new TreeMap<>(in.log().statuses()).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.sum()).append(" |\n"));
        long total = in.log().statuses().values().stream().mapToLong(a -> a.sum()).sum();
        long errors = in.log().statuses().entrySet().stream()
                .filter(e -> !e.getKey().matches(".* 2\\d\\d")).mapToLong(e -> e.getValue().sum()).sum();
        md.append("\nThroughput: ").append(fmt(total / seconds)).append(" completed requests/s, of which ")
                .append(fmt(in.log().posted().size() / seconds)).append(" accepted new threads/s. Errors (non-2xx or no answer): ")
                .append(errors).append(" of ").append(total).append(" (").append(fmt(total == 0 ? 0 : 100.0 * errors / total)).append("%).");
        if (in.log().repliesWithoutThread() > 0) {
            md.append(" Replies skipped because no accepted thread was waiting yet: ").append(in.log().repliesWithoutThread()).append('.');
        }
        md.append("\n\n");

        List<Probe.ThreadTrace> threads = in.probe().threads();
        md.append("## End-to-end lag (sample of ").append(threads.size()).append(" of ").append(in.log().posted().size())
                .append(" accepted threads, ").append(in.probe().replies().size()).append(" of ").append(in.log().replied().size())
                .append(" timed replies; followed for ").append(in.probe().took().toSeconds()).append(" s, deadline ")
                .append(c.lagDeadline().toSeconds()).append(" s)\n\n");
        md.append("| Stage | Reached | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        md.append(Percentiles.of(present(threads.stream().map(t -> t.triageLag).toList())).row("post → triage decision")).append('\n');
        md.append(Percentiles.of(present(threads.stream().map(t -> t.queueLag).toList())).row("post → queue item")).append('\n');
        md.append(Percentiles.of(present(threads.stream().map(t -> t.auditLag).toList())).row("post → audit record stored")).append('\n');
        md.append(Percentiles.of(present(in.probe().replies().stream().map(r -> r.billingLag).toList())).row("timed reply → billing episode updatedAt (loose upper bound, see README)")).append('\n');
        md.append("\n## Ledger (sampled threads)\n\n");
        long stored = threads.stream().filter(t -> t.stored).count();
        long triaged = threads.stream().filter(t -> t.triageLag != null).count();
        long queued = threads.stream().filter(t -> t.queueLag != null).count();
        long audited = threads.stream().filter(t -> t.auditLag != null).count();
        long dupDecisions = threads.stream().filter(t -> t.decisions > 1).count();
        long dupAudits = threads.stream().filter(t -> t.auditCreates > 1).count();
        long billed = in.probe().replies().stream().filter(r -> r.billingLag != null).count();
        md.append("| accepted (2xx POST, sampled) | stored | triaged | queued | audited (CREATE) | replies sampled | in a billing episode |\n|---|---|---|---|---|---|---|\n");
        md.append("| ").append(threads.size()).append(" | ").append(stored).append(" | ").append(triaged).append(" | ").append(queued)
                .append(" | ").append(audited).append(" | ").append(in.probe().replies().size()).append(" | ").append(billed).append(" |\n\n");
        md.append("Duplicates: ").append(dupDecisions).append(" sampled threads with more than one triage decision, ")
                .append(dupAudits).append(" with more than one CREATE audit record. Ledger balanced: **")
                .append(stored == threads.size() && triaged == threads.size() && audited == threads.size()
                        && billed == in.probe().replies().size() && dupDecisions == 0 && dupAudits == 0 ? "yes" : "NO")
                .append("**.\n\n");

        md.append("## Processes (from ").append(c.careLineHome()).append("/pids)\n\n");
        md.append("| Part | PID (processes in its tree) | CPU during load (% of one core) | RSS at end MB | peak RSS MB (sum of per-process peaks) |\n|---|---|---|---|---|\n");
        in.procAfter().forEach((part, after) -> {
            ProcessStats.Sample before = in.procBefore().get(part);
            String cpu = before == null || before.pid() != after.pid() ? "?"
                    : fmt(100.0 * (after.cpuMillis() - before.cpuMillis()) / (seconds * 1000));
            md.append("| ").append(part).append(" | ").append(after.pid()).append(" (").append(after.processes()).append(") | ").append(cpu).append(" | ")
                    .append(after.rssKb() / 1024).append(" | ").append(after.peakRssKb() / 1024).append(" |\n");
        });
        if (in.procAfter().isEmpty()) {
            md.append("| (no live pid files found: set CARELINE_HOME or -Dbench.home) | | | | |\n");
        }
        md.append("\n## Kafka consumer lag (messages)\n\n");
        if (in.lagAtLoadEnd().isEmpty()) {
            md.append("Not reachable at ").append(c.kafkaBootstrap()).append(".\n");
        } else {
            md.append("| Group | at load end | after the probe |\n|---|---|---|\n");
            in.lagAtLoadEnd().forEach((g, l) -> md.append("| ").append(g).append(" | ").append(l).append(" | ")
                    .append(Objects.toString(in.lagAfterProbe().get(g), "?")).append(" |\n"));
        }
        md.append("\nGatling's HTML report (latency over time, per request) is under `benchmarks/target/gatling/`.\n");
        return md.toString();
    }

    static List<Long> present(List<Long> values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> {
            if (v != null) {
                out.add(v);
            }
        });
        return out;
    }

    static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    public static void write(Path file, String markdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
