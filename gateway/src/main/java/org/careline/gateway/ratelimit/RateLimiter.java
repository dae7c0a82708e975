package org.careline.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careline.gateway.config.GatewayConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller key. Buckets of callers that have been idle long enough to refill completely are
 * dropped once more than the configured number of callers is tracked, so memory stays bounded by active callers.
 * (One limit for every route for now; per-route and per-client limits come with the gateway hardening issue.)
 */
@ApplicationScoped
public class RateLimiter {

    private final GatewayConfig.RateLimitConfig config;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimit(), System::nanoTime);
    }

    RateLimiter(GatewayConfig.RateLimitConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts a request of this caller: 0 when allowed, else the nanoseconds to wait before the next one is. */
    public long acquire(String callerKey) {
        if (!config.enabled()) {
            return 0;
        }
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.get(callerKey);
        if (bucket == null) {
            if (buckets.size() >= config.maxTrackedCallers()) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            bucket = buckets.computeIfAbsent(callerKey, k -> new TokenBucket(config.requestsPerSecond(), config.burst(), now));
        }
        return bucket.take(now);
    }

    int trackedCallers() {
        return buckets.size();
    }
}
