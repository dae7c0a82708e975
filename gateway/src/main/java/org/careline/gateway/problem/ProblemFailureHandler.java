package org.careline.gateway.problem;

import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.http.RequestIds;

/**
 * Turns every routing failure into problem+json. With proactive authentication, an invalid, expired or
 * wrong-audience token fails the request with {@link AuthenticationFailedException} before any route runs: Quarkus
 * has already set 401 and the Bearer challenge, and hands the failure to the router's failure handlers, so this is
 * where its body is written. Exception messages are never echoed.
 */
@ApplicationScoped
public class ProblemFailureHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            // too late for a problem body: make sure the caller sees a broken response, not a truncated success
            if (!ctx.response().ended()) {
                ctx.response().reset();
            }
            return;
        }
        Throwable failure = ctx.failure() == null ? null : DefaultAuthFailureHandler.extractRootCause(ctx.failure());
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException) {
            Problems.unauthorized(ctx);
        } else if (failure instanceof ForbiddenException) {
            Problems.forbidden(ctx);
        } else if (failure instanceof OIDCException) {
            // the token could not be checked at all, typically because Keycloak cannot be reached
            Log.warnf("token verification unavailable (%s) [requestId=%s]", failure.getClass().getSimpleName(),
                    RequestIds.of(ctx));
            ctx.response().headers().set(HttpHeaders.RETRY_AFTER, "5");
            Problems.send(ctx, 503, "authentication-unavailable", "Service Unavailable",
                    "Tokens cannot be verified right now; retry shortly.");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            // a client error the router itself found (e.g. an HTTP/1.1 request without Host: 400 with a VertxException)
            clientError(ctx, ctx.statusCode());
        } else {
            StackTraceElement where = failure != null && failure.getStackTrace().length > 0 ? failure.getStackTrace()[0] : null;
            Log.errorf("unhandled %s at %s on %s %s [requestId=%s]", failure == null ? ctx.statusCode() : failure.getClass().getName(),
                    where, ctx.request().method(), ctx.normalizedPath(), RequestIds.of(ctx));
            Problems.send(ctx, 500, "internal-error", "Internal Server Error",
                    "The gateway could not complete the request. Quote the request id to support.");
        }
    }

    private static void clientError(RoutingContext ctx, int status) {
        switch (status) {
            case 401 -> Problems.unauthorized(ctx);
            case 403 -> Problems.forbidden(ctx);
            case 404 -> Problems.notFound(ctx);
            case 405 -> Problems.send(ctx, 405, "method-not-allowed", "Method Not Allowed",
                    "This method is not allowed on this resource.");
            case 413 -> Problems.payloadTooLarge(ctx);
            default -> Problems.send(ctx, status, "bad-request", "Bad Request", "The request cannot be processed.");
        }
    }
}
