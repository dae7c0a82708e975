package org.careline.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small fake upstream on a free 127.0.0.1 port that records every request it receives (method, URI, headers with
 * lower-cased names, body) and serves them back at {@code GET /__recorded}, so tests can see what the gateway
 * forwarded without sharing static state across class loaders. messaging, triage and billing point at it; audit
 * points at a closed port (upstream down). The billing route gets a short timeout and the rate limit a small
 * bucket.
 *
 * <p>Behaviour: {@code /q/openapi} answers a tiny OpenAPI document; {@code /fail-503-times-2} fails as its name says;
 * {@code /api/v1/fragile/**} answers 503 between {@code POST /__fragile/down} and {@code /__fragile/up}; a path
 * containing {@code /slow} answers after
 * {@link #SLOW_MILLIS}; anything else answers JSON echoing the path and body, 201 with a Location for POST, plus
 * headers the gateway must pass through ({@code X-Upstream}) or override ({@code X-Frame-Options},
 * {@code X-Request-Id}).
 */
public class FakeUpstreamResource implements QuarkusTestResourceLifecycleManager {

    static final long SLOW_MILLIS = 3_000;
    /** {@code /fail-503-times-2}: the first two requests to that exact path answer 503, later ones 200. */
    private static final Pattern FAIL_TIMES = Pattern.compile("/fail-(\\d{3})-times-(\\d+)");
    static final int RATE_LIMIT_BURST = 20;
    static final String FRONTEND_ORIGIN = "https://app.careline.test";
    static final int BREAKER_THRESHOLD = 3;
    static final int VENDOR_CLIENT_BURST = 5;
    static final int MAX_BODY_BYTES = 512 * 1024;

    private final ConcurrentLinkedQueue<JsonObject> received = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> failuresSent = new ConcurrentHashMap<>();
    private final AtomicBoolean fragileDown = new AtomicBoolean();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(this::handle);
        int port;
        try {
            port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream did not start", e);
        }
        String fake = "http://127.0.0.1:" + port;
        return Map.ofEntries(
                Map.entry("careline.gateway.cors.origins", FRONTEND_ORIGIN),
                Map.entry("careline.gateway.upstreams.messaging", fake),
                Map.entry("careline.gateway.upstreams.triage", fake),
                Map.entry("careline.gateway.upstreams.billing", fake),
                // same fake server, separate circuit breakers: retries on flaky, the breaker's life cycle on fragile
                Map.entry("careline.gateway.upstreams.flaky", fake),
                Map.entry("careline.gateway.upstreams.fragile", fake),
                Map.entry("careline.gateway.routes.flaky.prefix", "/api/v1/flaky"),
                Map.entry("careline.gateway.routes.flaky.upstream", "flaky"),
                Map.entry("careline.gateway.routes.fragile.prefix", "/api/v1/fragile"),
                Map.entry("careline.gateway.routes.fragile.upstream", "fragile"),
                Map.entry("careline.gateway.upstreams.down", "http://127.0.0.1:" + closedPort()),
                Map.entry("careline.gateway.routes.down.prefix", "/api/v1/down"),
                Map.entry("careline.gateway.routes.down.upstream", "down"),
                Map.entry("careline.gateway.routes.strict.prefix", "/api/v1/strict"),
                Map.entry("careline.gateway.routes.strict.upstream", "messaging"),
                Map.entry("careline.gateway.routes.strict.rate-limit.requests-per-second", "0.1"),
                Map.entry("careline.gateway.routes.strict.rate-limit.burst", "2"),
                Map.entry("careline.gateway.routes.vendor.prefix", "/api/v1/vendor"),
                Map.entry("careline.gateway.routes.vendor.upstream", "messaging"),
                Map.entry("careline.gateway.routes.vendor.rate-limit.client-requests-per-second", "0.1"),
                Map.entry("careline.gateway.routes.vendor.rate-limit.client-burst", Integer.toString(VENDOR_CLIENT_BURST)),
                Map.entry("careline.gateway.retry.backoff", "10ms"),
                Map.entry("careline.gateway.max-body-size", Integer.toString(MAX_BODY_BYTES)),
                Map.entry("careline.gateway.circuit-breaker.failure-threshold", Integer.toString(BREAKER_THRESHOLD)),
                Map.entry("careline.gateway.circuit-breaker.open-duration", "1s"),
                Map.entry("careline.gateway.upstreams.audit", "http://127.0.0.1:" + closedPort()),
                Map.entry("careline.gateway.routes.billing.timeout", "500ms"),
                Map.entry("careline.gateway.rate-limit.requests-per-second", "1"),
                Map.entry("careline.gateway.rate-limit.burst", Integer.toString(RATE_LIMIT_BURST)));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/__recorded")) {
            request.response().putHeader("Content-Type", "application/json").end(new JsonArray(received.stream().toList()).encode());
            return;
        }
        if (request.path().startsWith("/__fragile/")) {
            fragileDown.set(request.path().endsWith("/down"));
            request.response().setStatusCode(204).end();
            return;
        }
        request.body().onSuccess(body -> {
            received.add(record(request, body));
            respond(request, body);
        });
    }

    private void respond(HttpServerRequest request, Buffer body) {
        if (request.path().equals("/q/health/ready")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\",\"checks\":[]}");
            return;
        }
        if (request.path().equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("openapi", "3.1.0")
                            .put("info", new JsonObject().put("title", "Fake API").put("version", "1")).encode());
            return;
        }
        Matcher failTimes = FAIL_TIMES.matcher(request.path());
        if (failTimes.find() && failuresSent.computeIfAbsent(request.path(), p -> new AtomicInteger())
                .getAndIncrement() < Integer.parseInt(failTimes.group(2))) {
            request.response().setStatusCode(Integer.parseInt(failTimes.group(1))).putHeader("Content-Type", "application/json").end("{\"failing\":true}");
            return;
        }
        if (request.path().startsWith("/api/v1/fragile") && fragileDown.get()) {
            request.response().setStatusCode(503).putHeader("Content-Type", "application/json").end("{\"down\":true}");
            return;
        }
        if (request.path().contains("/slow")) {
            vertx.setTimer(SLOW_MILLIS, t -> {
                if (!request.response().closed()) {
                    request.response().end("{\"late\":true}");
                }
            });
            return;
        }
        boolean created = request.method().name().equals("POST");
        if (created) {
            request.response().setStatusCode(201).putHeader("Location", request.path() + "/new-1");
        }
        request.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Upstream", "fake")
                .putHeader("X-Frame-Options", "SAMEORIGIN")
                .putHeader("X-Request-Id", "chosen-by-upstream")
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Content-Security-Policy", "default-src *")
                .end(new JsonObject().put("path", request.path()).put("echo", body.toString()).encode());
    }

    private static JsonObject record(HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        request.headers().forEach(h -> {
            String name = h.getKey().toLowerCase();
            JsonArray values = headers.getJsonArray(name, new JsonArray());
            headers.put(name, values.add(h.getValue()));
        });
        return new JsonObject()
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("headers", headers)
                .put("body", body.toString());
    }

    /** A port on 127.0.0.1 that nothing listens on: bound once by us, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
