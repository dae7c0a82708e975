package org.careline.gateway.security;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Only {@code /api} needs a caller: everywhere else (API documents, Swagger UI, health, metrics, unknown paths) the
 * caller's credentials are dropped before Quarkus authentication runs, so a stale or broken token in a browser
 * never turns a public page into a 401. It decides on the normalized path, as the router and the permission rules do.
 */
@ApplicationScoped
public class PublicPathCredentials implements Handler<RoutingContext> {

    /** Whether a normalized path is under /api, where a bearer token is required. */
    public static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!isApi(ctx.normalizedPath())) {
            ctx.request().headers().remove(HttpHeaders.AUTHORIZATION);
            ctx.request().headers().remove(HttpHeaders.COOKIE);
        }
        ctx.next();
    }
}
