package org.careline.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} get a 413 problem+json instead of the HTTP server's bare 413
 * (Quarkus answers a declared oversize Content-Length at router order -2, and a chunked body that grows past the limit
 * from inside the body reader, both with an empty body):
 * <ul>
 *   <li>a declared {@code Content-Length} over the limit: 413 at once, before anything reads the body;</li>
 *   <li>a body without a Content-Length (chunked): read here, at most the limit, and handed to Quarkus REST as the
 *       request's entity stream ({@link #useBufferedBody}); one byte more is a 413, and the connection is closed after
 *       the answer, since the rest of the body will not be read.</li>
 * </ul>
 * The detail names the limit only, never anything of the body.
 */
@ApplicationScoped
public class OversizeBodies {

    /** Before Quarkus's own body-size check (order -2). */
    static final int ORDER = -3;
    static final String SLUG = "payload-too-large";
    static final String TITLE = "Content Too Large";
    /** The routing-context key of a chunked body read here. */
    static final String BUFFERED_BODY = "careline.buffered-body";

    private final long limit;
    private final ObjectMapper mapper;

    public OversizeBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                          MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (exceeds(length)) {
                // the connection stays usable: the client, which sends its whole body first, then reads the answer
                send(ctx);
            } else {
                ctx.next();
            }
            return;
        }
        if (!isChunked(request) || request.isEnded()) {
            ctx.next();
            return;
        }
        readChunked(ctx);
    }

    private void readChunked(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            ctx.response().writeContinue();
        }
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                tooLarge[0] = true;
                request.pause();
                ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                ctx.response().endHandler(v -> request.connection().close());
                send(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (!tooLarge[0] && !ctx.response().ended()) {
                ctx.fail(400, failure);
            }
        });
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                ctx.put(BUFFERED_BODY, body);
                ctx.next();
            }
        });
        request.resume();
    }

    /**
     * Hands a chunked body read here to Quarkus REST: its body reader would otherwise find the request already ended
     * and read nothing. Runs before any endpoint reads its body.
     */
    @ServerRequestFilter(preMatching = true)
    void useBufferedBody(RoutingContext ctx, ContainerRequestContext request) {
        Buffer body = ctx.get(BUFFERED_BODY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }

    private void send(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Problem problem = new Problem(Problem.TYPE_BASE + SLUG, TITLE, 413,
                "The request body is larger than " + limit + " bytes.", request.path(), RequestIds.of(request), null);
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(json(problem));
    }

    private static boolean isChunked(HttpServerRequest request) {
        String coding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return coding != null && coding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
