package org.careline.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.http.ApiHandler;
import org.careline.gateway.routing.Route;
import org.careline.gateway.routing.RouteTable;
import org.careline.gateway.security.PublicPathCredentials;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One latency histogram per route, method and status class ({@code careline_gateway_requests_seconds} in
 * Prometheus), from the first gateway handler to the end of the response. Labels are bounded by configuration:
 * {@code route} is a configured route name, {@code openapi} for the API documents, {@code unrouted} for /api paths no
 * route serves, {@code gateway} for the gateway's own pages; {@code method} is a standard method or {@code OTHER};
 * {@code status} is {@code 2xx}..{@code 5xx}. No path, id or caller ever becomes a label.
 */
@ApplicationScoped
public class RouteMetrics implements Handler<RoutingContext> {

    static final String NAME = "careline.gateway.requests";
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final MeterRegistry registry;
    private final RouteTable routes;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry, RouteTable routes) {
        this.registry = registry;
        this.routes = routes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(ignored -> timer(routeLabel(ctx), methodLabel(ctx.request().method()),
                statusClass(ctx.response().getStatusCode())).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        ctx.next();
    }

    private Timer timer(String route, String method, String status) {
        return timers.computeIfAbsent(route + ' ' + method + ' ' + status, key -> Timer.builder(NAME)
                .description("Requests through the gateway, by route, method and status class")
                .tag("route", route).tag("method", method).tag("status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
    }

    private String routeLabel(RoutingContext ctx) {
        Route route = ApiHandler.routeOf(ctx);
        if (route != null) {
            return route.name();
        }
        String path = ctx.normalizedPath();
        if (path.startsWith("/openapi/")) {
            return "openapi";
        }
        if (!PublicPathCredentials.isApi(path)) {
            return "gateway";
        }
        // refused before routing (401, 429, ...): still counted on the route the path belongs to
        return routes.match(path).map(Route::name).orElse("unrouted");
    }

    private static String methodLabel(HttpMethod method) {
        return METHODS.contains(method) ? method.name() : "OTHER";
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 + "xx" : "other";
    }
}
