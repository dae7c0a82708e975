package org.careline.gateway.ratelimit;

import org.careline.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void eachCallerHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(limits(true, 10), now::get);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertTrue(limiter.acquire("a") > 0);
        assertEquals(0, limiter.acquire("b"));
    }

    @Test
    void idleCallersAreForgottenOnceTooManyAreTracked() {
        RateLimiter limiter = new RateLimiter(limits(true, 2), now::get);
        limiter.acquire("a");
        limiter.acquire("b");
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        limiter.acquire("b");
        limiter.acquire("c");
        assertEquals(2, limiter.trackedCallers(), "a was idle and full again, b had just spent a token");
    }

    @Test
    void disabledLetsEverythingThrough() {
        RateLimiter limiter = new RateLimiter(limits(false, 10), now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.acquire("a"));
        }
    }

    private static GatewayConfig.RateLimitConfig limits(boolean enabled, int maxTracked) {
        return new GatewayConfig.RateLimitConfig() {
            public boolean enabled() {
                return enabled;
            }

            public double requestsPerSecond() {
                return 1;
            }

            public int burst() {
                return 2;
            }

            public int maxTrackedCallers() {
                return maxTracked;
            }
        };
    }
}
