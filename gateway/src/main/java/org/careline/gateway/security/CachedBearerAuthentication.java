package org.careline.gateway.security;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.TokenCacheConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Set;

/**
 * Bearer authentication with a cache of verified tokens ({@link VerifiedTokens}) in front of Quarkus OIDC: a token
 * seen before and still valid gets its verified identity back without parsing and verifying it again; any other
 * token goes to the OIDC mechanism as before (signature against the realm's key set, issuer, audience, expiry), and
 * only its success is cached. A failure is never cached, so a tampered, expired or unknown-key token is refused on
 * every request. Runs before the OIDC mechanism (higher priority); with the cache disabled it only delegates.
 */
@ApplicationScoped
public class CachedBearerAuthentication implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final OidcAuthenticationMechanism oidc;
    private final VerifiedTokens cache;

    public CachedBearerAuthentication(OidcAuthenticationMechanism oidc, TokenCacheConfig config) {
        this.oidc = oidc;
        this.cache = config.enabled() ? new VerifiedTokens(config.maxSize(), config.ttl(), Clock.systemUTC()) : null;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = cache == null ? null : bearerToken(context);
        if (token == null) {
            return oidc.authenticate(context, identityProviderManager);
        }
        String key = VerifiedTokens.keyOf(token);
        SecurityIdentity cached = cache.get(key);
        if (cached != null) {
            // the identity carries the request it was verified in; give it this one
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(cached)
                    .addAttribute(RoutingContext.class.getName(), context).build());
        }
        return oidc.authenticate(context, identityProviderManager).invoke(identity -> {
            if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
                cache.put(key, identity, jwt.getExpirationTime());
            }
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority() + 1;
    }

    /** The cache (null when disabled), for tests. */
    VerifiedTokens cache() {
        return cache;
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
