package org.careline.bench.ramp;

import org.careline.bench.BenchConfig;
import org.careline.bench.RunLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RampStepsTest {

    private static final Instant START = Instant.parse("2026-11-23T22:00:00Z");
    private static final BenchConfig.Ramp RAMP = new BenchConfig.Ramp(10, 10, Duration.ofSeconds(10), 50,
            Duration.ofMillis(1000), 0.001);

    private final List<RunLog.Timed> requests = new ArrayList<>();
    private final List<RunLog.Posted> threads = new ArrayList<>();
    private final Map<String, Instant> queued = new HashMap<>();

    /** {@code count} threads created evenly in step {@code step}, each queued after {@code lagMillis} (null: never). */
    private void step(int step, int count, Long lagMillis, int errors) {
        for (int i = 0; i < count; i++) {
            Instant created = START.plusSeconds(step * 10L).plusMillis(i * (10_000L / count));
            String id = "t-" + step + "-" + i;
            threads.add(new RunLog.Posted(id, "BP-0001", "family-medicine", created));
            requests.add(new RunLog.Timed("POST /threads", i < errors ? 504 : 201, 20 + i, created.toEpochMilli()));
            if (lagMillis != null) {
                queued.put(id, created.plusMillis(lagMillis));
            }
        }
    }

    private List<RampSteps.Step> judge(Instant now, int upTo) {
        return RampSteps.judge(RAMP, START, now, upTo, requests, threads, queued);
    }

    @Test
    void stepsRiseFromStartByStepUpToMax() {
        assertEquals(5, RAMP.steps());
        assertEquals(10, RAMP.rateOf(0));
        assertEquals(50, RAMP.rateOf(4));
        assertEquals(3, new BenchConfig.Ramp(100, 50, Duration.ofSeconds(30), 220, Duration.ofSeconds(1), 0.001).steps());
        assertThrows(IllegalArgumentException.class, () -> new BenchConfig.Ramp(10, 0, Duration.ofSeconds(30), 50, Duration.ofSeconds(1), 0.001));
    }

    @Test
    void theKneeIsTheLastStepBeforeTheFirstFailure() {
        step(0, 100, 200L, 0);
        step(1, 200, 400L, 0);
        step(2, 300, 1500L, 0);   // p99 post-to-queued 1.5 s: fails
        step(3, 400, 200L, 0);    // passes again, but after a failure it does not move the knee
        List<RampSteps.Step> steps = judge(START.plusSeconds(60), 3);
        assertTrue(steps.get(0).passed());
        assertTrue(steps.get(1).passed());
        assertFalse(steps.get(2).passed());
        assertEquals(1500, steps.get(2).postToQueued().p99());
        assertEquals(1, RampSteps.knee(steps).orElseThrow().index());
        assertEquals(2, RampSteps.firstFailure(steps).orElseThrow().index());
    }

    @Test
    void errorsAbovePointOnePercentFailAStep() {
        step(0, 1000, 100L, 1);   // 0.1%: passes
        step(1, 1000, 100L, 2);   // 0.2%: fails
        List<RampSteps.Step> steps = judge(START.plusSeconds(60), 1);
        assertTrue(steps.get(0).passed());
        assertFalse(steps.get(1).passed());
        assertEquals(0.002, steps.get(1).errorShare(), 1e-9);
        assertEquals(0, RampSteps.knee(steps).orElseThrow().index());
    }

    @Test
    void threadsNotQueuedYetCountWithTheirWaitSoFar() {
        step(0, 100, null, 0);
        RampSteps.Step s = judge(START.plusSeconds(15), 0).get(0);
        assertEquals(100, s.unqueued());
        assertTrue(s.postToQueued().p99() >= 5000);
        assertFalse(s.passed());
        assertTrue(RampSteps.knee(List.of(s)).isEmpty());
    }

    @Test
    void aStepStillRunningIsCutShortNotPassed() {
        step(0, 100, 100L, 0);
        step(1, 50, 100L, 0);
        List<RampSteps.Step> steps = judge(START.plusSeconds(15), 1);
        assertTrue(steps.get(0).complete());
        assertFalse(steps.get(1).complete());
        assertFalse(steps.get(1).passed());
        assertTrue(RampSteps.firstFailure(steps).isEmpty());
        assertEquals(0, RampSteps.knee(steps).orElseThrow().index());
    }
}
