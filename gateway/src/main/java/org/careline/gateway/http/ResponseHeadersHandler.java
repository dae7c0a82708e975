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

    /** One year, subdomains included; browsers ignore it on plain HTTP, so it is sent on every response. */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final ContentSecurityPolicy csp;

    public ResponseHeadersHandler(ContentSecurityPolicy csp) {
        this.csp = csp;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
        RequestIds.assign(ctx, id);
        ctx.request().headers().set(RequestIds.HEADER, id);
        csp.forRequest(ctx).onComplete(policy -> {
            install(ctx, id, policy.result());
            ctx.next();
        });
    }

    private static void install(RoutingContext ctx, String id, String policy) {
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set(RequestIds.HEADER, id);
            headers.set("Strict-Transport-Security", HSTS);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", policy);
            headers.remove("Content-Security-Policy-Report-Only");
        });
    }
}
