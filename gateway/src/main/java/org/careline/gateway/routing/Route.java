package org.careline.gateway.routing;

import org.careline.gateway.ratelimit.Limit;

import java.time.Duration;

/**
 * One API route: requests whose path is {@code prefix} or lies below it go to {@code upstream}, path unchanged.
 *
 * @param name     the route's name in configuration
 * @param prefix   the path prefix, without a trailing slash
 * @param upstream where matching requests go
 * @param timeout  how long the upstream may stay silent before the gateway answers 504
 * @param callerLimit the rate limit of each caller (token subject) on this route
 * @param clientLimit the rate limit of each client application (token azp) on this route
 */
public record Route(String name, String prefix, Upstream upstream, Duration timeout, Limit callerLimit, Limit clientLimit) {

    /** Whether this route serves the (normalized) path: the prefix itself or a path below it, never a mere string prefix. */
    public boolean matches(String path) {
        return path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
    }
}
