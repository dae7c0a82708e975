package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.problem.Problems;
import org.careline.gateway.ratelimit.RateLimiter;
import org.careline.gateway.security.Callers;

import java.util.concurrent.TimeUnit;

/** Answers 429 problem+json with Retry-After once a caller has used up its bucket; the upstream is not called. */
@ApplicationScoped
public class RateLimitHandler implements Handler<RoutingContext> {

    private final RateLimiter limiter;

    public RateLimitHandler(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long waitNanos = limiter.acquire(Callers.key(ctx));
        if (waitNanos == 0) {
            ctx.next();
        } else {
            long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
            Problems.tooManyRequests(ctx, seconds);
        }
    }
}
