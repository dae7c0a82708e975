package org.careline.triage.service;

import org.careline.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkloadPeriodTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T19:00:00Z"), ZoneOffset.UTC);
    private final Duration month = Duration.ofDays(30);
    private final Duration year = Duration.ofDays(366);

    @Test
    void defaultsToTheLast30DaysUpToNow() {
        WorkloadPeriod p = WorkloadPeriod.parse(null, " ", clock.instant(), month, year);
        assertEquals(Instant.parse("2026-10-24T19:00:00Z"), p.from());
        assertEquals(clock.instant(), p.to());
    }

    @Test
    void rejectsUnreadableInvertedEmptyAndTooLongPeriods() {
        assertEquals(400, bad("2026-11-01", "2026-11-02T00:00:00Z").status());
        assertEquals("from must be before to.", bad("2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z").getMessage());
        assertEquals("from must be before to.", bad("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z").getMessage());
        assertEquals("The period may cover at most 366 days.",
                bad("2025-11-01T00:00:00Z", "2026-11-02T00:00:01Z").getMessage());
        assertEquals(Instant.parse("2025-11-01T00:00:00Z"),
                WorkloadPeriod.parse("2025-11-01T00:00:00Z", "2026-11-02T00:00:00Z", clock.instant(), month, year).from());
    }

    private ProblemException bad(String from, String to) {
        return assertThrows(ProblemException.class, () -> WorkloadPeriod.parse(from, to, clock.instant(), month, year));
    }
}
