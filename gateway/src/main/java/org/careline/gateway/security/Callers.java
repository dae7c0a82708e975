package org.careline.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling, as far as the gateway needs to know: proactive authentication has run before any route. */
public final class Callers {

    private Callers() {
    }

    /** The authenticated identity of the request, if its bearer token was valid. */
    public static Optional<SecurityIdentity> identity(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return Optional.of(user.getSecurityIdentity());
        }
        return Optional.empty();
    }

    /** The client application the caller uses (the token's {@code azp}), if the token names one. */
    public static Optional<String> clientId(RoutingContext ctx) {
        return identity(ctx)
                .filter(identity -> identity.getPrincipal() instanceof JsonWebToken)
                .map(identity -> ((JsonWebToken) identity.getPrincipal()).<Object>getClaim("azp"))
                .map(Object::toString)
                .filter(azp -> !azp.isBlank());
    }

    /** A stable key per caller: the token's subject, else the client address. */
    public static String key(RoutingContext ctx) {
        return identity(ctx)
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                        ? "sub:" + jwt.getSubject()
                        : "name:" + identity.getPrincipal().getName())
                .orElseGet(() -> "addr:" + ctx.request().remoteAddress().hostAddress());
    }
}
