package org.careline.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.careline.platform.problem.RequestIds;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** The request's {@link Caller}, read once from the validated bearer token and the request. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final HttpServerRequest request;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken jwt, HttpServerRequest request) {
        this.identity = identity;
        this.jwt = jwt;
        this.request = request;
    }

    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    private Caller read() {
        String address = request.remoteAddress() != null ? request.remoteAddress().hostAddress() : null;
        if (identity.isAnonymous()) {
            return new Caller("anonymous", null, Set.of(), null, null, null, Set.of(), null, address,
                    RequestIds.of(request));
        }
        return new Caller(
                jwt.getSubject(),
                jwt.getClaim("preferred_username"),
                Set.copyOf(identity.getRoles()),
                claim(jwt, "patient_id"),
                claim(jwt, "care_team"),
                claim(jwt, "credential"),
                groups(jwt),
                claim(jwt, "azp"),
                address,
                RequestIds.of(request));
    }

    private static String claim(JsonWebToken jwt, String name) {
        return text(jwt.getClaim(name));
    }

    private static Set<String> groups(JsonWebToken jwt) {
        Object value = jwt.getClaim("groups");
        if (value instanceof Collection<?> values) {
            return values.stream().map(CurrentCaller::text).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    /** Claim values arrive as plain strings or as JSON-P values, depending on the claim. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonString json ? json.getString() : value.toString();
    }
}
