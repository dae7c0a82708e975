package org.careline.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.problem.Problems;
import org.careline.gateway.proxy.UpstreamProxy;
import org.careline.gateway.routing.PathGuard;
import org.careline.gateway.routing.Route;
import org.careline.gateway.routing.RouteTable;

import java.util.Optional;

/**
 * Sends an authenticated /api request to the upstream of its route, in two steps around the rate limit:
 * {@link #resolve} chooses the route on the router's normalized path (dot segments, including {@code %2e%2e},
 * resolved), and {@link #forward} asks the upstream for that same normalized path, so the two can never disagree
 * about where a request goes. No route: 404, nothing contacted. CONNECT and TRACE: 405, nothing contacted.
 */
@ApplicationScoped
public class ApiHandler {

    private static final String ROUTE = "careline.route";

    private final RouteTable routes;
    private final UpstreamProxy proxy;

    public ApiHandler(RouteTable routes, UpstreamProxy proxy) {
        this.routes = routes;
        this.proxy = proxy;
    }

    /** The route chosen for this request by {@link #resolve}, if any. */
    public static Route routeOf(RoutingContext ctx) {
        return ctx.get(ROUTE);
    }

    public void resolve(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.CONNECT || ctx.request().method() == HttpMethod.TRACE) {
            // no Careline API uses them: TRACE echoes requests (cross-site tracing), CONNECT opens tunnels, and an
            // upstream that never answers one would count against its circuit breaker
            Problems.send(ctx, 405, "method-not-allowed", "Method Not Allowed",
                    "This method is not allowed on this resource.");
            return;
        }
        if (!PathGuard.isSafe(ctx.request().path())) {
            Problems.invalidPath(ctx);
            return;
        }
        Optional<Route> route = routes.match(ctx.normalizedPath());
        if (route.isEmpty()) {
            Problems.notFound(ctx);
            return;
        }
        ctx.put(ROUTE, route.get());
        ctx.next();
    }

    public void forward(RoutingContext ctx) {
        Route route = routeOf(ctx);
        String path = ctx.normalizedPath();
        String query = ctx.request().query();
        String uri = query == null ? path : path + "?" + query;
        proxy.forward(ctx, route.upstream(), uri, route.timeout(), true);
    }
}
