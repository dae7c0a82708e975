package org.careline.bench.report;

import org.careline.bench.BenchConfig;
import org.careline.bench.RunLog;
import org.careline.bench.ledger.Ledger;
import org.careline.bench.ramp.RampSteps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Markdown summary of a fixed-rate or ramp run (also printed to the console). */
public final class Summary {

    /** Everything measured, gathered by the simulation. {@code ledger} is null when the databases did not answer. */
    public record Inputs(BenchConfig config, Instant loadStart, Instant loadEnd, Instant drained, RunLog log, Ledger ledger,
                         String ledgerError, Map<String, ProcessStats.Sample> procBefore,
                         Map<String, ProcessStats.Sample> procAfter, Map<String, List<LagTrend.Sample>> lag,
                         List<LagTrend> trends, List<RampSteps.Step> steps, String stopReason,
                         String machineBefore, String machineAfter) {
    }

    private Summary() {
    }

    public static String render(Inputs in) {
        StringBuilder md = new StringBuilder();
        BenchConfig c = in.config();
        double seconds = Math.max(0.001, Duration.between(in.loadStart(), in.loadEnd()).toMillis() / 1000.0);
        boolean ramp = in.steps() != null;
        md.append(ramp ? "# Careline benchmark: ramp\n\n" : "# Careline benchmark summary\n\n");
        md.append("- Run: ").append(in.loadStart());
        if (ramp) {
            BenchConfig.Ramp r = c.ramp();
            md.append(", ramp from ").append(fmt(r.start())).append(" requests/s by ").append(fmt(r.step())).append(" every ")
                    .append(r.stepDuration().toSeconds()).append(" s up to ").append(fmt(r.max())).append("; a step passes with p99 post → queued <= ")
                    .append(r.p99Limit().toMillis()).append(" ms and errors <= ").append(fmt(r.errorLimit() * 100)).append("%");
        } else {
            md.append(", target arrival rate ").append(fmt(c.rate())).append(" requests/s for ").append(c.duration().toSeconds()).append(" s");
        }
        md.append(" (open model: 60% new threads, 25% timed replies, 15% reads), gateway ").append(c.gatewayUrl()).append('\n');
        md.append("- Machine before: ").append(in.machineBefore()).append("; after: ").append(in.machineAfter()).append('\n');
        md.append("- Load phase wall time: ").append(fmt(seconds)).append(" s");
        if (in.stopReason() != null) {
            md.append(" (stopped: ").append(in.stopReason()).append(')');
        }
        md.append("; drain until the ledger was complete: ")
                .append(fmt(Duration.between(in.loadEnd(), in.drained()).toMillis() / 1000.0)).append(" s\n\n");

        if (ramp) {
            md.append(rampSection(in.steps()));
        }

        md.append("## HTTP (all requests of the measured load)\n\n");
        md.append("| Request | Count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        new TreeMap<>(in.log().latencies()).forEach((type, values) -> md.append(Percentiles.of(values).row(type)).append('\n'));
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

        Ledger l = in.ledger();
        if (l == null) {
            md.append("## End-to-end lag and ledger\n\nNot available: ").append(in.ledgerError()).append("\n\n");
        } else {
            md.append("## End-to-end lag (every accepted thread and timed reply, from the services' database timestamps)\n\n");
            md.append("| Stage | Reached | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
            md.append(Percentiles.of(l.lags().triaged()).row("post → triage decision (`decided_at`)")).append('\n');
            md.append(Percentiles.of(l.lags().queued()).row("post → queue item (`queue_item.created_at`)")).append('\n');
            md.append(Percentiles.of(l.lags().audited()).row("post → audit record stored (`received_at`)")).append('\n');
            md.append(Percentiles.of(l.lags().billed()).row("timed reply → time entry in billing (`time_entry.received_at`)")).append('\n');
            md.append("\nFrom the thread's `created_at` (reply: the message's `posted_at`) in messaging. All parts run on one machine, one clock.\n\n");
            md.append(ledgerSection(l));
        }

        md.append("## Kafka consumer lag during the run (sampled every second, all groups)\n\n");
        double last = in.lag().values().stream().flatMap(List::stream).mapToDouble(LagTrend.Sample::atSeconds).max().orElse(seconds);
        md.append(LagTable.render(in.lag(), seconds, last, in.trends(), c.lagGrowthShare()));
        md.append("\nConsumer lag over the load: **").append(in.lag().isEmpty() ? "not measured" : LagTable.bounded(in.trends()) ? "bounded" : "growing")
                .append("**. Every sample: `consumer-lag.csv`.\n\n");

        md.append(processes(c, seconds, in.procBefore(), in.procAfter()));
        md.append("\nGatling's HTML report (latency over time, per request) is under `benchmarks/target/gatling/`.\n");
        return md.toString();
    }

    static String rampSection(List<RampSteps.Step> steps) {
        StringBuilder md = new StringBuilder("## Ramp steps\n\n");
        md.append("| Step | target requests/s | completed 2xx/s | requests | errors | threads | post → queued p50 / p99 ms | not queued | POST /threads p99 ms | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (RampSteps.Step s : steps) {
            md.append("| ").append(s.index() + 1).append(" | ").append(fmt(s.targetRate())).append(" | ").append(fmt(s.completedPerSecond()))
                    .append(" | ").append(s.requests()).append(" | ").append(s.errors()).append(" (").append(fmt(100 * s.errorShare())).append("%) | ")
                    .append(s.threads()).append(" | ").append(s.postToQueued().p50()).append(" / ").append(s.postToQueued().p99())
                    .append(" | ").append(s.unqueued()).append(" | ").append(s.post().p99()).append(" | ")
                    .append(!s.complete() ? "cut short" : s.passed() ? "pass" : "**fail**").append(" |\n");
        }
        Optional<RampSteps.Step> knee = RampSteps.knee(steps);
        md.append("\n**Knee: ").append(knee.map(s -> fmt(s.targetRate()) + " requests/s (step " + (s.index() + 1) + ", "
                + fmt(s.completedPerSecond()) + " completed/s, p99 post → queued " + s.postToQueued().p99() + " ms)")
                .orElse("none: the first step did not pass")).append("**");
        RampSteps.firstFailure(steps).ifPresent(f -> md.append("; first failing step: ").append(fmt(f.targetRate())).append(" requests/s"));
        md.append(". Lags here are judged after the drain, from triage's `queue_item.created_at`; a thread never queued counts with the time it waited.\n\n");
        return md.toString();
    }

    static String ledgerSection(Ledger l) {
        StringBuilder md = new StringBuilder("## Ledger (every accepted thread and timed reply, read from the databases after the drain)\n\n");
        md.append("| accepted (2xx) | stored | stored, not acknowledged | triaged | queued | audited (CREATE) | duplicates | timed replies accepted | stored | in billing (time entry) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        md.append("| ").append(l.accepted()).append(" | ").append(l.stored()).append(" | ").append(l.unacknowledged()).append(" | ")
                .append(l.triaged()).append(" | ").append(l.queued()).append(" | ").append(l.audited()).append(" | ")
                .append(l.duplicates()).append(" | ").append(l.repliesAccepted()).append(" | ").append(l.repliesStored()).append(" | ")
                .append(l.repliesBilled()).append(" |\n\n");
        md.append("Ledger balanced (accepted = stored = triaged = queued = audited, replies = time entries, no duplicate): **")
                .append(l.balanced() ? "yes" : "NO").append("**.");
        if (l.unacknowledged() > 0) {
            md.append(" Threads stored whose POST got no 2xx answer (e.g. a gateway timeout): ").append(l.unacknowledged()).append('.');
        }
        md.append('\n');
        l.problems().forEach(p -> md.append("- ").append(p).append('\n'));
        return md.append('\n').toString();
    }

    public static String processes(BenchConfig c, double seconds, Map<String, ProcessStats.Sample> before,
                                   Map<String, ProcessStats.Sample> after) {
        StringBuilder md = new StringBuilder("## Processes (from ").append(c.careLineHome()).append("/pids)\n\n");
        md.append("| Part | PID (processes in its tree) | CPU during load (% of one core) | RSS at end MB | peak RSS MB (sum of per-process peaks) |\n|---|---|---|---|---|\n");
        after.forEach((part, a) -> {
            ProcessStats.Sample b = before.get(part);
            String cpu = b == null || b.pid() != a.pid() ? "?" : fmt(100.0 * (a.cpuMillis() - b.cpuMillis()) / (seconds * 1000));
            md.append("| ").append(part).append(" | ").append(a.pid()).append(" (").append(a.processes()).append(") | ").append(cpu).append(" | ")
                    .append(a.rssKb() / 1024).append(" | ").append(a.peakRssKb() / 1024).append(" |\n");
        });
        if (after.isEmpty()) {
            md.append("| (no live pid files found: set CARELINE_HOME or -Dbench.home) | | | | |\n");
        }
        return md.toString();
    }

    public static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
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
