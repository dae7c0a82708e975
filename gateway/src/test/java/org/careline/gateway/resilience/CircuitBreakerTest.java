package org.careline.gateway.resilience;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private static final long OPEN = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(3, OPEN, now::get);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresOnly() {
        fail(2);
        breaker.tryAcquire();
        breaker.onSuccess(); // resets the count
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        fail(1);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(OPEN, breaker.tryAcquire());
        now.addAndGet(OPEN - 1);
        assertEquals(1, breaker.tryAcquire());
    }

    @Test
    void halfOpenLetsExactlyOneProbeThroughAndItsSuccessCloses() {
        fail(3);
        now.addAndGet(OPEN);
        assertEquals(0, breaker.tryAcquire());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire() > 0, "a second request waits for the probe");
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(0, breaker.tryAcquire());
    }

    @Test
    void aFailedProbeOpensAgainForTheFullTime() {
        fail(3);
        now.addAndGet(OPEN);
        assertEquals(0, breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(OPEN, breaker.tryAcquire());
    }

    @Test
    void aProbeThatNeverReportsIsReplacedAfterTheOpenTime() {
        fail(3);
        now.addAndGet(OPEN);
        assertEquals(0, breaker.tryAcquire());
        now.addAndGet(OPEN);
        assertEquals(0, breaker.tryAcquire());
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(0, breaker.tryAcquire());
            breaker.onFailure();
        }
    }
}
