package org.careline.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.problem.Problems;

import java.util.List;

/**
 * Refuses, before authentication and before anything is forwarded, requests whose body framing two HTTP parsers
 * could read differently (request smuggling), and bodies declared larger than the gateway forwards:
 * <ul>
 *   <li>more than one Content-Length, or a Content-Length that is not a plain number: 400;</li>
 *   <li>Transfer-Encoding that is not exactly one {@code chunked}: 400 (the only coding HTTP/1.1 requires);</li>
 *   <li>Content-Length and Transfer-Encoding together: 400 (RFC 9112 6.1 lets a server refuse it);</li>
 *   <li>Content-Length over {@code careline.gateway.max-body-size}: 413, and the connection is closed.</li>
 * </ul>
 * The connection is closed after each of these answers, since the rest of its bytes cannot be trusted.
 */
@ApplicationScoped
public class RequestFramingHandler implements Handler<RoutingContext> {

    private final long maxBodyBytes;

    public RequestFramingHandler(GatewayConfig config) {
        this.maxBodyBytes = config.maxBodySize().asLongValue();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        List<String> lengths = request.headers().getAll(HttpHeaders.CONTENT_LENGTH);
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (lengths.isEmpty() && codings.isEmpty()) {
            ctx.next();
            return;
        }
        if (lengths.size() > 1 || !codings.isEmpty() && !lengths.isEmpty()
                || codings.size() > 1 || codings.size() == 1 && !"chunked".equalsIgnoreCase(codings.get(0).trim())
                || lengths.size() == 1 && !lengths.get(0).matches("[0-9]{1,18}")) {
            closeAfter(ctx);
            Problems.send(ctx, 400, "invalid-framing", "Bad Request",
                    "The request body is framed ambiguously (Content-Length and Transfer-Encoding).");
            return;
        }
        if (lengths.size() == 1 && Long.parseLong(lengths.get(0)) > maxBodyBytes) {
            closeAfter(ctx);
            Problems.payloadTooLarge(ctx);
            return;
        }
        ctx.next();
    }

    private static void closeAfter(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        ctx.response().endHandler(v -> ctx.request().connection().close());
    }
}
