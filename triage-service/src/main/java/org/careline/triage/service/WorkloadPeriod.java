package org.careline.triage.service;

import org.careline.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The period [from, to) of a workload request: ISO-8601 instants, from before to, at most {@code max} long. */
public record WorkloadPeriod(Instant from, Instant to) {

    /**
     * @param from     ISO-8601 instant, or null for {@code to} minus {@code fallback}
     * @param to       ISO-8601 instant, or null for {@code now}
     * @throws ProblemException 400 for an unreadable, empty, inverted or too long period
     */
    public static WorkloadPeriod parse(String from, String to, Instant now, Duration fallback, Duration max) {
        Instant end = isBlank(to) ? now : instant("to", to);
        Instant start = isBlank(from) ? end.minus(fallback) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from must be before to.");
        }
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw ProblemException.badRequest("The period may cover at most " + max.toDays() + " days.");
        }
        return new WorkloadPeriod(start, end);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z.");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
