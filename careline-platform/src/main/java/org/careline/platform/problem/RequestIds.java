package org.careline.platform.problem;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request carries an {@code X-Request-Id}: the gateway's if it sent a well-formed one, else a
 * new one. It is echoed on the response and quoted in problems and audit records.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static String of(HttpServerRequest request) {
        String id = request.getHeader(HEADER);
        return id != null && WELL_FORMED.matcher(id).matches() ? id : null;
    }

    @ServerRequestFilter(preMatching = true)
    void assignRequestId(HttpServerRequest request) {
        if (of(request) == null) {
            request.headers().set(HEADER, UUID.randomUUID().toString());
        }
    }

    @ServerResponseFilter
    void echoRequestId(HttpServerRequest request, ContainerResponseContext response) {
        String id = of(request);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
