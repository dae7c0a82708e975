package org.careline.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void allowsTheBurstThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(SECOND / 2, bucket.take(0));
    }

    @Test
    void refillsAtTheRateAndNeverBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        for (int i = 0; i < 3; i++) {
            bucket.take(0);
        }
        assertEquals(0, bucket.take(SECOND / 2));
        assertTrue(bucket.take(SECOND / 2) > 0);
        assertFalse(bucket.isFull(SECOND));
        assertTrue(bucket.isFull(100 * SECOND));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.take(100 * SECOND));
        }
        assertTrue(bucket.take(100 * SECOND) > 0);
    }

    @Test
    void refusesAUselessShape() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
