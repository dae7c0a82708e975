package org.careline.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careline.gateway.config.GatewayConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a route and a caller, or a route and a client application). Buckets of keys that have been
 * idle long enough to refill completely are dropped once more than the configured number is tracked, so memory
 * stays bounded by active callers.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final int maxTracked;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimit().enabled(), config.rateLimit().maxTrackedCallers(), System::nanoTime);
    }

    RateLimiter(boolean enabled, int maxTracked, LongSupplier clock) {
        this.enabled = enabled;
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    /**
     * Counts a request against the caller's bucket and, when there is a client, the client's: 0 when both allow it,
     * else the nanoseconds to wait. A request refused by the client's bucket gives the caller's token back.
     */
    public long acquire(String callerKey, Limit callerLimit, String clientKey, Limit clientLimit) {
        if (!enabled) {
            return 0;
        }
        long now = clock.getAsLong();
        TokenBucket caller = bucket(callerKey, callerLimit, now);
        long wait = caller.take(now);
        if (wait > 0 || clientKey == null) {
            return wait;
        }
        long clientWait = bucket(clientKey, clientLimit, now).take(now);
        if (clientWait > 0) {
            caller.giveBack();
        }
        return clientWait;
    }

    /** Counts a request against one bucket: 0 when allowed, else the nanoseconds to wait. */
    public long acquire(String key, Limit limit) {
        return acquire(key, limit, null, null);
    }

    private TokenBucket bucket(String key, Limit limit, long now) {
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxTracked) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit.perSecond(), limit.burst(), now));
        }
        return bucket;
    }

    int trackedCallers() {
        return buckets.size();
    }
}
