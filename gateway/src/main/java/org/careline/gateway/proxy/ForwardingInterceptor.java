package org.careline.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.careline.gateway.http.RequestIds;
import org.careline.gateway.problem.Problem;
import org.careline.gateway.resilience.CircuitBreaker;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shapes one forwarded request: sets the upstream URI, replaces every client-sent forwarding header with the
 * gateway's own ({@code X-Forwarded-For/Proto/Host}), passes the request id, and turns a failed upstream exchange
 * into problem+json: 504 when the upstream stayed silent too long, 503 (Retry-After) when it could not be reached or
 * broke off, 502 when its answer could not be used.
 * Each exchange goes through the upstream's circuit breaker (open: 503 with Retry-After, the upstream is not
 * contacted), and bodyless GET/HEAD/OPTIONS are retried after a failed connect or a 502/503 (see RetryPolicy).
 * The caller's Authorization header goes through unchanged on API routes: every service validates it again.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    /**
     * Client-sent headers the gateway owns or that claim an identity, a route or a method: removed before forwarding
     * (names compared in lower case, by prefix). The services learn who calls only from the bearer token.
     */
    static final List<String> STRIPPED = List.of(
            // forwarding: the gateway sets its own X-Forwarded-For/Proto/Host/Port below
            "forwarded", "x-forwarded-", "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip", "via",
            // identity asserted by a client instead of a token
            "x-user", "x-remote-", "remote-user", "x-auth-", "x-authenticated-", "x-consumer-", "x-jwt-",
            "x-principal", "x-subject", "x-roles", "x-patient", "x-careline-",
            // requests rewritten behind the gateway's back
            "x-original-", "x-rewrite-url", "x-http-method", "x-method-override");

    /** Seconds a client should wait before trying an unavailable upstream again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final Forwarding forwarding;
    private final CircuitBreaker breaker;
    private final Retries retries;
    private BodyLimit bodyLimit;

    ForwardingInterceptor(Forwarding forwarding, CircuitBreaker breaker, Retries retries) {
        this.forwarding = forwarding;
        this.breaker = breaker;
        this.retries = retries;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        request.setURI(forwarding.uri());
        MultiMap headers = request.headers();
        headers.names().stream()
                .filter(ForwardingInterceptor::isStripped)
                .toList()
                .forEach(headers::remove);
        List<String> traceparents = headers.getAll(TraceContext.TRACEPARENT);
        if (traceparents.size() != 1 || !TraceContext.isValid(traceparents.get(0))) {
            headers.set(TraceContext.TRACEPARENT, TraceContext.generate());
            headers.remove(TraceContext.TRACESTATE);
        }
        headers.set("X-Forwarded-For", forwarding.clientAddress());
        headers.set("X-Forwarded-Proto", forwarding.proto());
        if (forwarding.host() != null) {
            headers.set("X-Forwarded-Host", forwarding.host());
            // without it, upstreams behind a proxy assume the scheme's default port in absolute URLs
            portOf(forwarding.host()).ifPresent(port -> headers.set("X-Forwarded-Port", port));
        }
        headers.set(RequestIds.HEADER, forwarding.requestId());
        // answered by the gateway itself (UpstreamProxy): the body is already on its way
        headers.remove(HttpHeaders.EXPECT);
        if (!forwarding.credentials()) {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(HttpHeaders.COOKIE);
        }
        boolean retryable = retries.policy().appliesTo(request.getMethod(), headers.get(HttpHeaders.CONTENT_LENGTH),
                headers.get(HttpHeaders.TRANSFER_ENCODING));
        if (retryable) {
            // nothing to stream: the request can be sent again as it is (and the caller's empty request must end)
            request.proxiedRequest().resume();
            request.setBody(null);
        } else if (request.getBody() != null && request.getBody().length() < 0) {
            // chunked: the size is only known as it streams (a declared Content-Length was checked up front)
            bodyLimit = new BodyLimit(request.getBody().stream(), forwarding.maxBodyBytes());
            request.setBody(Body.body(bodyLimit, -1));
        }
        return attempt(context, retryable, 0);
    }

    /** One exchange with the upstream, through its circuit breaker; retried as the retry policy allows. */
    private Future<ProxyResponse> attempt(ProxyContext context, boolean retryable, int attempt) {
        long closedForNanos = breaker.tryAcquire();
        if (closedForNanos > 0) {
            return Future.succeededFuture(circuitOpen(context, closedForNanos));
        }
        return context.sendRequest().transform(exchange -> {
            if (exchange.failed()) {
                if (bodyLimit != null && bodyLimit.exceeded()) {
                    breaker.onSuccess(); // the caller's fault, not the upstream's: give the permit back
                    return Future.succeededFuture(tooLarge(context));
                }
                if (callerWentAway(context)) {
                    // the caller's request broke off (a malformed chunk, a closed connection): not the upstream's
                    // failure, so hostile clients cannot open the circuit for everyone else
                    breaker.onSuccess();
                    return Future.succeededFuture(problem(context, exchange.cause()));
                }
                breaker.onFailure();
                if (retryable && retries.policy().retryAfter(exchange.cause(), attempt)) {
                    return retries.pause().compose(v -> attempt(context, true, attempt + 1));
                }
                return Future.succeededFuture(problem(context, exchange.cause()));
            }
            ProxyResponse response = exchange.result();
            int status = response.getStatusCode();
            if (status == 502 || status == 503 || status == 504) {
                breaker.onFailure();
            } else {
                breaker.onSuccess();
            }
            if (retryable && retries.policy().retryAfter(status, attempt)) {
                response.release(); // drain and drop it: nothing of it has been sent to the caller
                return retries.pause().compose(v -> attempt(context, true, attempt + 1));
            }
            return Future.succeededFuture(response);
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        headers.remove(HttpHeaders.CONNECTION);
        headers.remove(HttpHeaders.KEEP_ALIVE);
        return context.sendResponse();
    }

    static boolean isStripped(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        for (String prefix : STRIPPED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private ProxyResponse tooLarge(ProxyContext context) {
        Problem problem = Problem.of(413, "payload-too-large", "Payload Too Large",
                "The request body is larger than the gateway accepts.", forwarding.instance(), forwarding.requestId());
        HttpServerResponse response = context.request().proxiedRequest().response();
        // the rest of the body is still on its way and will not be read: close the connection after answering
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        response.endHandler(v -> context.request().proxiedRequest().connection().close());
        return context.request().response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(problem.toBuffer()));
    }

    private ProxyResponse circuitOpen(ProxyContext context, long closedForNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(closedForNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        Problem problem = Problem.of(503, "upstream-circuit-open", "Service Unavailable",
                "The " + forwarding.upstream().name() + " service is failing; the gateway holds requests back for now.",
                forwarding.instance(), forwarding.requestId());
        return context.request().release().response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .setBody(Body.body(problem.toBuffer()));
    }

    private ProxyResponse problem(ProxyContext context, Throwable failure) {
        Problem problem;
        if (isTimeout(failure)) {
            problem = Problem.of(504, "upstream-timeout", "Gateway Timeout",
                    "The " + forwarding.upstream().name() + " service did not answer in time.",
                    forwarding.instance(), forwarding.requestId());
        } else if (isUnavailable(failure)) {
            problem = Problem.of(503, "upstream-unavailable", "Service Unavailable",
                    "The " + forwarding.upstream().name() + " service is unavailable.",
                    forwarding.instance(), forwarding.requestId());
        } else {
            problem = Problem.of(502, "bad-upstream-response", "Bad Gateway",
                    "The " + forwarding.upstream().name() + " service gave an answer the gateway could not use.",
                    forwarding.instance(), forwarding.requestId());
        }
        Log.warnf("upstream %s failed (%s) [requestId=%s]", forwarding.upstream().name(), failure.getClass().getSimpleName(),
                forwarding.requestId());
        ProxyResponse response = context.request().release().response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(problem.toBuffer()));
        if (problem.status() == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response;
    }

    private boolean callerWentAway(ProxyContext context) {
        return bodyLimit != null && bodyLimit.sourceFailed() || context.request().proxiedRequest().response().closed();
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof ConnectTimeoutException;
    }

    /**
     * The upstream is down or went away: a refused or reset connection, or one closed before its answer was complete.
     * A fault the client may retry later (503 with Retry-After, like the services' own {@code database-unavailable}),
     * not a bad answer (502).
     */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketException
                    || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof io.vertx.core.http.HttpClosedException
                    || cause instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The port of a Host header value ({@code host:port} or {@code [v6]:port}), when it names one. */
    static java.util.Optional<String> portOf(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || colon < host.lastIndexOf(']')) {
            return java.util.Optional.empty();
        }
        String port = host.substring(colon + 1);
        return port.matches("[0-9]{1,5}") ? java.util.Optional.of(port) : java.util.Optional.empty();
    }
}
