package org.careline.bench.ramp;

import org.careline.bench.BenchConfig;
import org.careline.bench.RunLog;
import org.careline.bench.report.Percentiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ramp's steps judged from what the run recorded: a step passes when the p99 of post-to-queued over the threads
 * created in it is at most the limit and its error share (non-2xx or no answer, by arrival time) is at most the limit.
 * A thread not queued yet counts with the time it has waited so far (a lower bound of its lag). The knee is the
 * last step of the unbroken run of passing steps from the first one.
 */
public final class RampSteps {

    /** One step: its target rate, what arrived in it and the verdict. {@code complete} is false for a step cut short. */
    public record Step(int index, double targetRate, int requests, int errors, double completedPerSecond, int threads,
                       int unqueued, Percentiles postToQueued, Percentiles post, boolean complete, boolean passed) {

        public double errorShare() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }

    private RampSteps() {
    }

    /** Steps 0..{@code upTo} (inclusive) as of {@code now}. */
    public static List<Step> judge(BenchConfig.Ramp ramp, Instant loadStart, Instant now, int upTo, List<RunLog.Timed> requests,
                                   List<RunLog.Posted> threads, Map<String, Instant> firstQueued) {
        List<Step> out = new ArrayList<>();
        long stepMillis = ramp.stepDuration().toMillis();
        for (int k = 0; k <= upTo; k++) {
            long from = loadStart.toEpochMilli() + k * stepMillis;
            long to = from + stepMillis;
            int count = 0;
            int errors = 0;
            List<Long> postMillis = new ArrayList<>();
            for (RunLog.Timed r : requests) {
                if (r.arrivedAt() >= from && r.arrivedAt() < to) {
                    count++;
                    if (!r.ok()) {
                        errors++;
                    }
                    if (r.type().equals("POST /threads") && r.millis() >= 0) {
                        postMillis.add(r.millis());
                    }
                }
            }
            List<Long> lags = new ArrayList<>();
            int unqueued = 0;
            for (RunLog.Posted p : threads) {
                long created = p.createdAt().toEpochMilli();
                if (created >= from && created < to) {
                    Instant queued = firstQueued.get(p.threadId());
                    if (queued == null) {
                        unqueued++;
                        lags.add(Math.max(0, now.toEpochMilli() - created));
                    } else {
                        lags.add(Math.max(0, Duration.between(p.createdAt(), queued).toMillis()));
                    }
                }
            }
            Percentiles queuedLag = Percentiles.of(lags);
            boolean complete = now.toEpochMilli() >= to;
            double seconds = Math.max(0.001, (Math.min(now.toEpochMilli(), to) - from) / 1000.0);
            boolean passed = complete && count > 0 && queuedLag.count() > 0
                    && queuedLag.p99() <= ramp.p99Limit().toMillis()
                    && (double) errors / count <= ramp.errorLimit();
            out.add(new Step(k, ramp.rateOf(k), count, errors, (count - errors) / seconds, lags.size(), unqueued,
                    queuedLag, Percentiles.of(postMillis), complete, passed));
        }
        return out;
    }

    /** The last step of the unbroken run of passing steps from the first; empty when the first step failed. */
    public static Optional<Step> knee(List<Step> steps) {
        Step knee = null;
        for (Step s : steps) {
            if (!s.passed()) {
                break;
            }
            knee = s;
        }
        return Optional.ofNullable(knee);
    }

    /** The first step that did not pass among complete steps, if any. */
    public static Optional<Step> firstFailure(List<Step> steps) {
        return steps.stream().filter(s -> s.complete() && !s.passed()).findFirst();
    }
}
