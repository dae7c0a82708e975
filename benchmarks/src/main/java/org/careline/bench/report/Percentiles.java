package org.careline.bench.report;

import java.util.Collection;

/** Nearest-rank percentiles of a sample (milliseconds), as the summary prints them. */
public record Percentiles(int count, long p50, long p95, long p99, long max) {

    public static Percentiles of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, -1, -1, -1, -1);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest-rank: the smallest value with at least p% of the sample at or below it. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    public String row(String name) {
        if (count == 0) {
            return "| " + name + " | 0 | - | - | - | - |";
        }
        return "| " + name + " | " + count + " | " + p50 + " | " + p95 + " | " + p99 + " | " + max + " |";
    }
}
