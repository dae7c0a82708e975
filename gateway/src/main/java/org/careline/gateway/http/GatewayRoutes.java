package org.careline.gateway.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.careline.gateway.metrics.RouteMetrics;
import org.careline.gateway.problem.ProblemFailureHandler;
import org.careline.gateway.problem.Problems;
import org.careline.gateway.security.BearerRequiredHandler;
import org.careline.gateway.security.PublicPathCredentials;

/**
 * Puts the gateway's handlers on Quarkus's HTTP router. Quarkus's own security handlers sit at order -200
 * (authentication) and -100 (authorization, the {@code quarkus.http.auth.permission} rules); the orders here place
 * ours around them. In request order:
 * <ol>
 *   <li>route metrics, request id and security headers (every path), body framing and size
 *       ({@link RequestFramingHandler}: smuggling attempts and declared oversize bodies end here), CORS (a disallowed origin ends here with 403), and
 *       {@link PublicPathCredentials} (credentials dropped outside /api);</li>
 *   <li>Quarkus proactive authentication: an invalid token fails the request, see {@link ProblemFailureHandler};</li>
 *   <li>{@link BearerRequiredHandler} on /api: no token, 401 problem+json;</li>
 *   <li>Quarkus authorization (/api requires an authenticated caller);</li>
 *   <li>for /api: the route ({@link ApiHandler#resolve}), its rate limits, the proxy ({@link ApiHandler#forward});
 *       for /openapi: the rate limit and {@link OpenApiHandler};</li>
 *   <li>anything no route serves: 404 problem+json.</li>
 * </ol>
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Before Quarkus authentication (-200). */
    static final int FIRST = -1_000;
    /** Between Quarkus authentication (-200) and authorization (-100). */
    static final int AFTER_AUTHENTICATION = -150;
    /** After every other route, Quarkus's own included. */
    static final int LAST = Integer.MAX_VALUE - 1;

    private final RouteMetrics metrics;
    private final ResponseHeadersHandler responseHeaders;
    private final RequestFramingHandler framing;
    private final CorsHandler cors;
    private final PublicPathCredentials publicPaths;
    private final ProblemFailureHandler problems;
    private final BearerRequiredHandler bearerRequired;
    private final RateLimitHandler rateLimit;
    private final ApiHandler api;
    private final OpenApiHandler openApi;

    public GatewayRoutes(RouteMetrics metrics, ResponseHeadersHandler responseHeaders, RequestFramingHandler framing, CorsHandler cors, PublicPathCredentials publicPaths,
                         ProblemFailureHandler problems,
                         BearerRequiredHandler bearerRequired, RateLimitHandler rateLimit, ApiHandler api,
                         OpenApiHandler openApi) {
        this.metrics = metrics;
        this.responseHeaders = responseHeaders;
        this.framing = framing;
        this.cors = cors;
        this.publicPaths = publicPaths;
        this.problems = problems;
        this.bearerRequired = bearerRequired;
        this.rateLimit = rateLimit;
        this.api = api;
        this.openApi = openApi;
    }

    void init(@Observes Router router) {
        router.route().order(FIRST).handler(metrics).handler(responseHeaders).handler(framing).handler(cors).handler(publicPaths);
        router.route().order(FIRST).failureHandler(problems);
        router.route("/api/*").order(AFTER_AUTHENTICATION).handler(bearerRequired);
        router.route("/api/*").handler(api::resolve).handler(rateLimit).handler(api::forward);
        router.route("/openapi/:" + OpenApiHandler.PARAM).handler(rateLimit).handler(openApi);
        router.route().order(LAST).handler(Problems::notFound);
    }
}
