package org.careline.gateway.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.careline.gateway.http.RequestIds;

/** The problems the gateway answers itself, written straight to the response. */
public final class Problems {

    private Problems() {
    }

    public static void unauthorized(RoutingContext ctx) {
        ctx.response().headers().set("WWW-Authenticate", "Bearer");
        send(ctx, 401, "unauthenticated", "Unauthorized", "A valid bearer token is required.");
    }

    public static void forbidden(RoutingContext ctx) {
        send(ctx, 403, "forbidden", "Forbidden", "Your role does not allow this operation.");
    }

    public static void notFound(RoutingContext ctx) {
        send(ctx, 404, "not-found", "Not Found", "No resource at this address.");
    }

    public static void invalidPath(RoutingContext ctx) {
        send(ctx, 400, "invalid-path", "Bad Request",
                "The request path contains encoded slashes, backslashes, NUL or matrix parameters.");
    }

    public static void payloadTooLarge(RoutingContext ctx) {
        send(ctx, 413, "payload-too-large", "Payload Too Large", "The request body is larger than the gateway accepts.");
    }

    public static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds) {
        ctx.response().headers().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        send(ctx, 429, "rate-limited", "Too Many Requests",
                "Too many requests from this caller; retry after the number of seconds in Retry-After.");
    }

    /** Ends the response with a problem body, dropping any request body the caller is still sending. */
    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            request.resume();
        }
        Problem problem = Problem.of(status, slug, title, detail, ctx.normalizedPath(), RequestIds.of(ctx));
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.toBuffer());
    }
}
