package org.careline.gateway.security;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.problem.Problems;

/**
 * Answers an API request that came without a bearer token with 401 problem+json. It runs after Quarkus's proactive
 * authentication (an invalid token never gets here: see ProblemFailureHandler) and before Quarkus's path
 * permission check, which would otherwise end the same request with an empty 401; that check
 * ({@code quarkus.http.auth.permission.api}) stays in place behind this one.
 */
@ApplicationScoped
public class BearerRequiredHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        if (Callers.identity(ctx).isPresent()) {
            ctx.next();
        } else {
            Problems.unauthorized(ctx);
        }
    }
}
