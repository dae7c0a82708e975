package org.careline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a consumer group's lag is bounded or growing over a run: the least-squares slope of its lag over the
 * second half of the load, compared with how fast records arrived on its topics in that half. Growing means the
 * lag rose faster than {@code growthShare} of the input rate and faster than one record per second; a consumer
 * that keeps up shows a flat (or falling) lag with noise around it.
 */
public record LagTrend(String group, int points, double slopePerSecond, double inputPerSecond, long last, long max,
                       Verdict verdict) {

    public enum Verdict {
        BOUNDED, GROWING, UNKNOWN;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One sample: seconds since the load started, the group's lag and the end offsets of its partitions (summed). */
    public record Sample(double atSeconds, long lag, long endOffsets) {
    }

    /** Judges the samples taken in {@code [from, to]} seconds; its second half decides. */
    public static LagTrend judge(String group, List<Sample> samples, double from, double to, double growthShare) {
        double half = from + (to - from) / 2;
        List<Sample> window = new ArrayList<>();
        long max = 0;
        for (Sample s : samples) {
            if (s.atSeconds() >= from && s.atSeconds() <= to) {
                max = Math.max(max, s.lag());
                if (s.atSeconds() >= half) {
                    window.add(s);
                }
            }
        }
        if (window.size() < 3) {
            return new LagTrend(group, window.size(), Double.NaN, Double.NaN, window.isEmpty() ? -1 : window.get(window.size() - 1).lag(),
                    max, Verdict.UNKNOWN);
        }
        double slope = slope(window);
        Sample first = window.get(0);
        Sample lastSample = window.get(window.size() - 1);
        double span = lastSample.atSeconds() - first.atSeconds();
        double input = span <= 0 ? 0 : (lastSample.endOffsets() - first.endOffsets()) / span;
        boolean growing = slope > Math.max(1.0, growthShare * input);
        return new LagTrend(group, window.size(), slope, input, lastSample.lag(), max, growing ? Verdict.GROWING : Verdict.BOUNDED);
    }

    /** Least-squares slope of lag over time (records per second); 0 for fewer than two distinct times. */
    public static double slope(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanT = 0;
        double meanL = 0;
        for (Sample s : samples) {
            meanT += s.atSeconds();
            meanL += s.lag();
        }
        meanT /= n;
        meanL /= n;
        double cov = 0;
        double var = 0;
        for (Sample s : samples) {
            cov += (s.atSeconds() - meanT) * (s.lag() - meanL);
            var += (s.atSeconds() - meanT) * (s.atSeconds() - meanT);
        }
        return var == 0 ? 0 : cov / var;
    }
}
