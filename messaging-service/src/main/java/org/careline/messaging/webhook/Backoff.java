package org.careline.messaging.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next attempt: {@code initial * 2^(attempts-1)}, capped at {@code max}, less up to 20%
 * random jitter so that receivers coming back are not hit by every sender at the same instant.
 */
public record Backoff(Duration initial, Duration max) {

    /**
     * @param attempts the attempts made so far (at least 1)
     * @param random   a source of numbers in [0, 1)
     */
    public Duration after(int attempts, DoubleSupplier random) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = initial.toMillis();
        long capped = max.toMillis();
        long base = millis > (capped >> doublings) ? capped : Math.min(capped, millis << doublings);
        long jitter = (long) (base * 0.2 * random.getAsDouble());
        return Duration.ofMillis(base - jitter);
    }
}
