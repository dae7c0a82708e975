package org.careline.gateway.ratelimit;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at {@code perSecond}, and each request takes one.
 * Time is passed in (nanoseconds, monotonic) so that the arithmetic is testable without waiting.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond, int capacity, long now) {
        if (perSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a capacity of at least 1");
        }
        this.capacity = capacity;
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token: 0 when one was there, else how many nanoseconds until one will be (nothing is taken then). */
    public synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    /** Returns a token taken by a request that was refused elsewhere after all. */
    public synchronized void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** Whether the bucket is full again, i.e. its caller has been idle long enough for it to be forgotten. */
    public synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            refilledAt = now;
        }
    }
}
