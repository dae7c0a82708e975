package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.problem.Problems;
import org.careline.gateway.proxy.UpstreamProxy;
import org.careline.gateway.routing.PathGuard;
import org.careline.gateway.routing.Route;
import org.careline.gateway.routing.RouteTable;

import java.util.Optional;

/**
 * Sends an authenticated /api request to the upstream of its route. The route is chosen on the router's normalized
 * path (dot segments, including {@code %2e%2e}, resolved) and that same normalized path is what the upstream is
 * asked for, so the two can never disagree about where a request goes. No route: 404, nothing contacted.
 */
@ApplicationScoped
public class ApiHandler implements Handler<RoutingContext> {

    private final RouteTable routes;
    private final UpstreamProxy proxy;

    public ApiHandler(RouteTable routes, UpstreamProxy proxy) {
        this.routes = routes;
        this.proxy = proxy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!PathGuard.isSafe(ctx.request().path())) {
            Problems.invalidPath(ctx);
            return;
        }
        String path = ctx.normalizedPath();
        Optional<Route> route = routes.match(path);
        if (route.isEmpty()) {
            Problems.notFound(ctx);
            return;
        }
        String query = ctx.request().query();
        String uri = query == null ? path : path + "?" + query;
        proxy.forward(ctx, route.get().upstream(), uri, route.get().timeout(), true);
    }
}
