package org.careline.gateway.resilience;

import java.util.function.LongSupplier;

/**
 * A circuit breaker for one upstream. Closed: every request goes; {@code failureThreshold} failures in a row open
 * it. Open: nothing goes for {@code openNanos}. Then half-open: one probe request goes (the others are still
 * refused); its success closes the breaker, its failure opens it again. A probe that never reports back (the
 * caller went away) is replaced by a new one after another {@code openNanos}.
 *
 * <p>Every permit from {@link #tryAcquire()} must be followed by exactly one {@link #onSuccess()} or
 * {@link #onFailure()}. Time is passed in (nanoseconds, monotonic) so that the state machine is testable without
 * waiting.
 */
public final class CircuitBreaker {

    /** The breaker's state, for health and metrics. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private long probeStartedAt;
    private boolean probing;

    public CircuitBreaker(int failureThreshold, long openNanos, LongSupplier clock) {
        if (failureThreshold < 1 || openNanos <= 0) {
            throw new IllegalArgumentException("a circuit breaker needs a threshold of at least 1 and a positive open time");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.clock = clock;
    }

    /** Asks to send one request: 0 when it may go, else the nanoseconds until the breaker lets a probe through. */
    public synchronized long tryAcquire() {
        long now = clock.getAsLong();
        switch (state) {
            case CLOSED:
                return 0;
            case OPEN:
                long waited = now - openedAt;
                if (waited < openNanos) {
                    return openNanos - waited;
                }
                state = State.HALF_OPEN;
                return startProbe(now);
            default:
                if (probing && now - probeStartedAt < openNanos) {
                    return openNanos - (now - probeStartedAt);
                }
                return startProbe(now);
        }
    }

    /** The upstream answered (anything but 502/503/504). */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        probing = false;
    }

    /** The upstream could not be reached, broke off, stayed silent, or answered 502/503/504. */
    public synchronized void onFailure() {
        long now = clock.getAsLong();
        if (state == State.HALF_OPEN) {
            open(now);
        } else if (state == State.CLOSED && ++consecutiveFailures >= failureThreshold) {
            open(now);
        }
    }

    public synchronized State state() {
        return state;
    }

    private long startProbe(long now) {
        probing = true;
        probeStartedAt = now;
        return 0;
    }

    private void open(long now) {
        state = State.OPEN;
        openedAt = now;
        probing = false;
        consecutiveFailures = 0;
    }
}
