package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.problem.Problems;
import org.careline.gateway.proxy.UpstreamProxy;
import org.careline.gateway.routing.RouteTable;
import org.careline.gateway.routing.Upstream;

import java.util.Optional;

/**
 * Serves each service's OpenAPI document at {@code /openapi/{upstream}}, without authentication, for the gateway's
 * Swagger UI. The caller's credentials are not passed on: the documents are public.
 */
@ApplicationScoped
public class OpenApiHandler implements Handler<RoutingContext> {

    static final String PARAM = "upstream";

    private final RouteTable routes;
    private final UpstreamProxy proxy;
    private final GatewayConfig config;

    public OpenApiHandler(RouteTable routes, UpstreamProxy proxy, GatewayConfig config) {
        this.routes = routes;
        this.proxy = proxy;
        this.config = config;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            Problems.send(ctx, 405, "method-not-allowed", "Method Not Allowed", "API documents are read-only.");
            return;
        }
        Optional<Upstream> upstream = routes.upstream(ctx.pathParam(PARAM));
        if (upstream.isEmpty()) {
            Problems.notFound(ctx);
            return;
        }
        proxy.forward(ctx, upstream.get(), config.openapiPath(), config.timeout(), false);
    }
}
