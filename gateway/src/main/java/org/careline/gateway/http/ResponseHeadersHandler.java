package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * First handler of every request, ahead of authentication: assigns the request id (replacing the incoming header
 * so that everything downstream, the upstream included, sees the same value) and, just before any response's
 * headers are written (proxied, problem or Quarkus's own), sets the request id and the security headers, replacing
 * whatever an upstream sent for them.
 */
@ApplicationScoped
public class ResponseHeadersHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        String id = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
        RequestIds.assign(ctx, id);
        ctx.request().headers().set(RequestIds.HEADER, id);
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set(RequestIds.HEADER, id);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
        });
        ctx.next();
    }
}
