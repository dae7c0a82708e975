package org.careline.bench.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LagTrendTest {

    /** lag(t) = base + slope * t ± noise, end offsets rising at {@code input} per second, one sample a second. */
    private static List<LagTrend.Sample> series(int seconds, double base, double slope, long noise, double input) {
        List<LagTrend.Sample> out = new ArrayList<>();
        for (int t = 0; t <= seconds; t++) {
            long wobble = t % 2 == 0 ? noise : -noise;
            out.add(new LagTrend.Sample(t, Math.max(0, Math.round(base + slope * t) + wobble), Math.round(input * t)));
        }
        return out;
    }

    @Test
    void slopeOfAStraightLineIsItsSlope() {
        assertEquals(3.0, LagTrend.slope(series(10, 5, 3, 0, 0)), 1e-9);
        assertEquals(0.0, LagTrend.slope(series(10, 40, 0, 0, 0)), 1e-9);
        assertEquals(0.0, LagTrend.slope(List.of(new LagTrend.Sample(1, 10, 0))), 1e-9);
    }

    @Test
    void aConsumerThatKeepsUpIsBoundedDespiteNoise() {
        LagTrend t = LagTrend.judge("triage-service", series(60, 120, 0, 40, 600), 0, 60, 0.05);
        assertEquals(LagTrend.Verdict.BOUNDED, t.verdict());
        assertEquals(600, t.inputPerSecond(), 1e-9);
    }

    @Test
    void aLagRisingFasterThanTheShareOfTheInputIsGrowing() {
        // 600 records/s in, lag rising 60/s (10%): the consumer falls behind
        LagTrend t = LagTrend.judge("audit-service", series(60, 0, 60, 5, 600), 0, 60, 0.05);
        assertEquals(LagTrend.Verdict.GROWING, t.verdict());
        assertEquals(60, t.slopePerSecond(), 1.0);
        // the same slope with 6,000 records/s in is 1%: bounded
        assertEquals(LagTrend.Verdict.BOUNDED, LagTrend.judge("audit-service", series(60, 0, 60, 5, 6000), 0, 60, 0.05).verdict());
    }

    @Test
    void onlyTheSecondHalfOfTheLoadCounts() {
        // the warm-up backlog builds in the first half and drains in the second: bounded
        List<LagTrend.Sample> samples = new ArrayList<>();
        for (int t = 0; t <= 60; t++) {
            samples.add(new LagTrend.Sample(t, t <= 30 ? t * 20L : Math.max(0, 600 - (t - 30) * 20L), t * 100L));
        }
        assertEquals(LagTrend.Verdict.BOUNDED, LagTrend.judge("billing-service", samples, 0, 60, 0.05).verdict());
        // drain samples after the load do not count either
        samples.add(new LagTrend.Sample(90, 100_000, 6000));
        assertEquals(LagTrend.Verdict.BOUNDED, LagTrend.judge("billing-service", samples, 0, 60, 0.05).verdict());
    }

    @Test
    void tooFewSamplesAreUnknownAndDoNotMakeTheRunGrowing() {
        LagTrend unknown = LagTrend.judge("messaging-service", List.of(new LagTrend.Sample(59, 3, 0)), 0, 60, 0.05);
        assertEquals(LagTrend.Verdict.UNKNOWN, unknown.verdict());
        assertTrue(LagTable.bounded(List.of(unknown)));
        LagTrend growing = LagTrend.judge("audit-service", series(60, 0, 60, 0, 100), 0, 60, 0.05);
        assertFalse(LagTable.bounded(List.of(unknown, growing)));
    }

    @Test
    void tableShowsTheLastSampleAtEachRowTime() {
        Map<String, List<LagTrend.Sample>> samples = Map.of("g", List.of(new LagTrend.Sample(0.2, 1, 0),
                new LagTrend.Sample(1.1, 7, 0), new LagTrend.Sample(2.9, 9, 0)));
        assertEquals("1", LagTable.at(samples.get("g"), 0));
        assertEquals("7", LagTable.at(samples.get("g"), 2));
        assertEquals("9", LagTable.at(samples.get("g"), 3));
        assertEquals("-", LagTable.at(List.of(new LagTrend.Sample(5, 1, 0)), 2));
    }
}
