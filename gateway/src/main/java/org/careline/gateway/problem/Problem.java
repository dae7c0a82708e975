package org.careline.gateway.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem details body, shaped like the services' (careline-platform) problems. {@code detail} is
 * always written by the gateway, never copied from an exception or the request.
 *
 * @param type      a stable URI per kind of error, e.g. {@code https://careline.dev/problems/upstream-timeout}
 * @param title     the HTTP reason phrase
 * @param status    the HTTP status
 * @param detail    what happened, in words the caller can act on
 * @param instance  the request path
 * @param requestId the request id to quote to support
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://careline.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail, String instance, String requestId) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, requestId);
    }

    public Buffer toBuffer() {
        JsonObject json = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (requestId != null) {
            json.put("requestId", requestId);
        }
        return json.toBuffer();
    }
}
