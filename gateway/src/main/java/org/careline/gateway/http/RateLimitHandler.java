package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.problem.Problems;
import org.careline.gateway.ratelimit.Limit;
import org.careline.gateway.ratelimit.RateLimiter;
import org.careline.gateway.routing.Route;
import org.careline.gateway.security.Callers;

import java.util.concurrent.TimeUnit;

/**
 * Answers 429 problem+json with Retry-After once a caller, or the client application it calls through, has used up
 * its bucket on this route; the upstream is not called. API routes use their own limits; the public API documents
 * share the default caller limit, keyed by client address.
 */
@ApplicationScoped
public class RateLimitHandler implements Handler<RoutingContext> {

    private static final String DOCUMENTS = "openapi";

    private final RateLimiter limiter;
    private final Limit defaultCallerLimit;

    public RateLimitHandler(RateLimiter limiter, GatewayConfig config) {
        this.limiter = limiter;
        this.defaultCallerLimit = new Limit(config.rateLimit().requestsPerSecond(), config.rateLimit().burst());
    }

    @Override
    public void handle(RoutingContext ctx) {
        Route route = ApiHandler.routeOf(ctx);
        String caller = Callers.key(ctx);
        long waitNanos;
        if (route == null) {
            waitNanos = limiter.acquire(DOCUMENTS + "|" + caller, defaultCallerLimit);
        } else {
            String client = Callers.clientId(ctx).map(id -> route.name() + "|azp:" + id).orElse(null);
            waitNanos = limiter.acquire(route.name() + "|" + caller, route.callerLimit(), client, route.clientLimit());
        }
        if (waitNanos == 0) {
            ctx.next();
        } else {
            long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
            Problems.tooManyRequests(ctx, seconds);
        }
    }
}
