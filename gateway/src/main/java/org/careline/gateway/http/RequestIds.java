package org.careline.gateway.http;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} of a request: the caller's when it is well formed ({@code [A-Za-z0-9._-]{1,64}}),
 * else a new UUID. The services (careline-platform) accept the same shape, so the id stays the same end to end.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "careline.request-id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The id to use for an incoming header value. */
    public static String choose(String incoming) {
        return incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    static void assign(RoutingContext ctx, String id) {
        ctx.put(KEY, id);
    }

    /** The id assigned to this request, or null before {@link ResponseHeadersHandler} ran. */
    public static String of(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
