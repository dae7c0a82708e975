package org.careline.gateway.ratelimit;

/**
 * One token bucket's size and refill rate.
 *
 * @param perSecond sustained requests per second
 * @param burst     requests that may come at once
 */
public record Limit(double perSecond, int burst) {

    public Limit {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
    }
}
