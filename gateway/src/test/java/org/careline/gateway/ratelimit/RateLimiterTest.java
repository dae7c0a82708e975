package org.careline.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final Limit TWO = new Limit(1, 2);

    private final AtomicLong now = new AtomicLong();

    @Test
    void eachKeyHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(true, 10, now::get);
        assertEquals(0, limiter.acquire("a", TWO));
        assertEquals(0, limiter.acquire("a", TWO));
        assertTrue(limiter.acquire("a", TWO) > 0);
        assertEquals(0, limiter.acquire("b", TWO));
    }

    @Test
    void theClientBucketIsSharedByItsCallersAndARefusalByItGivesTheCallersTokenBack() {
        RateLimiter limiter = new RateLimiter(true, 10, now::get);
        Limit client = new Limit(1, 3);
        assertEquals(0, limiter.acquire("alice", TWO, "vendor", client));
        assertEquals(0, limiter.acquire("alice", TWO, "vendor", client));
        assertEquals(0, limiter.acquire("bob", TWO, "vendor", client));
        long wait = limiter.acquire("carol", TWO, "vendor", client);
        assertTrue(wait > 0 && wait <= TimeUnit.SECONDS.toNanos(1), "client bucket empty: " + wait);
        // carol's own token was given back: she still has two for another client
        assertEquals(0, limiter.acquire("carol", TWO, "other", client));
        assertEquals(0, limiter.acquire("carol", TWO, "other", client));
        assertTrue(limiter.acquire("carol", TWO, "other", client) > 0);
    }

    @Test
    void idleKeysAreForgottenOnceTooManyAreTracked() {
        RateLimiter limiter = new RateLimiter(true, 2, now::get);
        limiter.acquire("a", TWO);
        limiter.acquire("b", TWO);
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        limiter.acquire("b", TWO);
        limiter.acquire("c", TWO);
        assertEquals(2, limiter.trackedCallers(), "a was idle and full again, b had just spent a token");
    }

    @Test
    void disabledLetsEverythingThrough() {
        RateLimiter limiter = new RateLimiter(false, 10, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.acquire("a", TWO, "c", TWO));
        }
    }
}
