package org.careline.testsupport.fuzz;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a fuzz run did and found.
 *
 * @param perOperation requests sent per operation key
 * @param statuses     how many responses had each status
 * @param failures     every response that broke a rule
 * @param healthyAfter whether {@code /q/health/ready} answered UP after the run
 */
public record FuzzReport(String service, Map<String, Integer> perOperation, Map<Integer, Integer> statuses,
                         List<Failure> failures, boolean healthyAfter, long millis) {

    public int total() {
        return perOperation.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One broken rule on one request. */
    public record Failure(String operation, String mutation, int status, String rule, String bodyPreview) {
        @Override
        public String toString() {
            return operation + " [" + mutation + "] -> " + status + ": " + rule + " | " + bodyPreview;
        }
    }

    /** A human summary: per-operation counts, the status histogram, then the failures (at most 60). */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Fuzz run of ").append(service).append(": ").append(total()).append(" requests over ")
                .append(perOperation.size()).append(" operations in ").append(millis).append(" ms, ")
                .append(failures.size()).append(" failures, healthy after: ").append(healthyAfter).append('\n');
        new TreeMap<>(perOperation).forEach((op, n) -> out.append(String.format("  %5d  %s%n", n, op)));
        out.append("  statuses: ").append(new TreeMap<>(statuses)).append('\n');
        Map<String, Long> byRule = failures.stream()
                .collect(Collectors.groupingBy(f -> f.operation() + " -> " + f.status() + " " + f.rule(),
                        TreeMap::new, Collectors.counting()));
        byRule.forEach((k, n) -> out.append("  FAIL x").append(n).append(' ').append(k).append('\n'));
        failures.stream().limit(60).forEach(f -> out.append("  ").append(f).append('\n'));
        return out.toString();
    }
}
