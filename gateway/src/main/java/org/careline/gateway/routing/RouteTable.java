package org.careline.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.ratelimit.Limit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upstreams and API routes from configuration, checked once at startup: a route must name a known upstream
 * and a prefix under /api/. The longest matching prefix wins.
 */
@ApplicationScoped
public class RouteTable {

    private final Map<String, Upstream> upstreams;
    private final List<Route> routes;

    public RouteTable(GatewayConfig config) {
        this.upstreams = new TreeMap<>();
        config.upstreams().forEach((name, url) -> upstreams.put(name, Upstream.of(name, url)));
        this.routes = config.routes().entrySet().stream()
                .map(e -> route(e.getKey(), e.getValue(), config))
                .sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
                .toList();
    }

    /** The route serving a normalized request path, if any. */
    public Optional<Route> match(String path) {
        return routes.stream().filter(route -> route.matches(path)).findFirst();
    }

    /** An upstream by name. */
    public Optional<Upstream> upstream(String name) {
        return Optional.ofNullable(upstreams.get(name));
    }

    public Collection<Upstream> upstreams() {
        return upstreams.values();
    }

    public List<Route> routes() {
        return routes;
    }

    private Route route(String name, GatewayConfig.RouteConfig route, GatewayConfig config) {
        String prefix = route.prefix().endsWith("/") ? route.prefix().substring(0, route.prefix().length() - 1)
                : route.prefix();
        if (!prefix.startsWith("/api/")) {
            throw new IllegalStateException("careline.gateway.routes." + name + ".prefix must start with /api/");
        }
        Upstream upstream = upstreams.get(route.upstream());
        if (upstream == null) {
            throw new IllegalStateException("careline.gateway.routes." + name + ".upstream names no configured upstream: "
                    + route.upstream());
        }
        GatewayConfig.RateLimitConfig defaults = config.rateLimit();
        GatewayConfig.RouteRateLimitConfig limits = route.rateLimit();
        Limit caller = new Limit(limits.requestsPerSecond().orElse(defaults.requestsPerSecond()),
                limits.burst().orElse(defaults.burst()));
        Limit client = new Limit(limits.clientRequestsPerSecond().orElse(defaults.clientRequestsPerSecond()),
                limits.clientBurst().orElse(defaults.clientBurst()));
        return new Route(name, prefix, upstream, route.timeout().orElse(config.timeout()), caller, client);
    }
}
