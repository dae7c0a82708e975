package org.careline.triage.service;

import java.util.ArrayList;
import java.util.List;

/**
 * First-response times of answered messages: how many, the median and the 90th percentile in seconds (wall clock,
 * from the patient's message to the first care-team reply). Percentiles interpolate linearly between the nearest
 * ranks, as PostgreSQL's {@code percentile_cont} does; null when nothing was answered.
 */
public record TurnaroundStats(long answered, Double medianSeconds, Double p90Seconds) {

    public static TurnaroundStats of(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        return new TurnaroundStats(sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9));
    }

    /** The {@code p} percentile (0..1) of ascending values, linearly interpolated; null for none. */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double position = p * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double value = sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
        return Math.round(value * 1000) / 1000.0;
    }
}
