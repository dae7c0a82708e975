package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.problem.Problems;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the configured frontend origins only. It runs before authentication, because preflights carry no token.
 * <ul>
 *   <li>No {@code Origin}, or the gateway's own origin: not a CORS request, nothing to do.</li>
 *   <li>An allowed origin: a preflight is answered here with 204; an actual request goes on and its response gets
 *       {@code Access-Control-Allow-Origin} and {@code -Expose-Headers}.</li>
 *   <li>Any other origin, or a preflight asking for a method or header not on the list: 403 problem+json without
 *       any CORS header, and nothing is forwarded.</li>
 * </ul>
 * Whatever CORS headers an upstream sends are dropped: only the gateway decides.
 */
@ApplicationScoped
public class CorsHandler implements Handler<RoutingContext> {

    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;

    public CorsHandler(GatewayConfig config) {
        GatewayConfig.CorsConfig cors = config.cors();
        this.origins = Set.copyOf(cors.origins().orElse(List.of()));
        this.methods = cors.methods().stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        this.headers = cors.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowMethods = String.join(", ", cors.methods());
        this.allowHeaders = String.join(", ", cors.headers());
        this.exposeHeaders = String.join(", ", cors.exposedHeaders());
        this.maxAge = Long.toString(cors.maxAge().toSeconds());
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader("Origin");
        if (origin == null || isSameOrigin(request, origin)) {
            ctx.addHeadersEndHandler(ignored -> dropUpstreamCorsHeaders(ctx.response().headers()));
            ctx.next();
            return;
        }
        boolean preflight = request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null;
        if (!origins.contains(origin) || preflight && !preflightAllowed(request)) {
            ctx.addHeadersEndHandler(ignored -> dropUpstreamCorsHeaders(ctx.response().headers()));
            Problems.send(ctx, 403, "cors-rejected", "Forbidden", "This origin may not call the Careline API from a browser.");
            return;
        }
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap out = ctx.response().headers();
            dropUpstreamCorsHeaders(out);
            out.set("Access-Control-Allow-Origin", origin);
            if (preflight) {
                out.set("Access-Control-Allow-Methods", allowMethods);
                out.set("Access-Control-Allow-Headers", allowHeaders);
                out.set("Access-Control-Max-Age", maxAge);
            } else {
                out.set("Access-Control-Expose-Headers", exposeHeaders);
            }
        });
        if (preflight) {
            ctx.response().setStatusCode(204).end();
        } else {
            ctx.next();
        }
    }

    private boolean preflightAllowed(HttpServerRequest request) {
        if (!methods.contains(request.getHeader("Access-Control-Request-Method").trim().toUpperCase(Locale.ROOT))) {
            return false;
        }
        String requested = request.getHeader("Access-Control-Request-Headers");
        return requested == null || Arrays.stream(requested.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .allMatch(h -> h.isEmpty() || headers.contains(h));
    }

    private static boolean isSameOrigin(HttpServerRequest request, String origin) {
        return request.authority() != null && origin.equalsIgnoreCase(request.scheme() + "://" + request.authority());
    }

    /** Drops an upstream's CORS headers, and says that the answer depends on Origin (it does, here) for caches. */
    private static void dropUpstreamCorsHeaders(MultiMap headers) {
        headers.names().stream()
                .filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length()))
                .toList()
                .forEach(headers::remove);
        if (headers.getAll("Vary").stream().noneMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("origin"))) {
            headers.add("Vary", "Origin");
        }
    }
}
