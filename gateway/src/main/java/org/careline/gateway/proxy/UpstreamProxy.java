package org.careline.gateway.proxy;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.http.RequestIds;
import org.careline.gateway.resilience.CircuitBreakers;
import org.careline.gateway.resilience.RetryPolicy;
import org.careline.gateway.routing.Upstream;

import java.time.Duration;

/**
 * Streams a request to an upstream and its response back with Vert.x {@link HttpProxy}: bodies are piped, never
 * buffered whole. One pooled HTTP client serves every upstream; each request gets its own small proxy so that its
 * target, timeout and forwarding headers are fixed up front.
 */
@ApplicationScoped
public class UpstreamProxy {

    /** WebSocket upgrades would bypass the interceptor (and its header rules): not proxied until a route needs them. */
    private static final ProxyOptions OPTIONS = new ProxyOptions().setSupportWebSocket(false);

    private final HttpClient client;
    private final CircuitBreakers breakers;
    private final Retries retries;
    private final long maxBodyBytes;

    public UpstreamProxy(Vertx vertx, GatewayConfig config, CircuitBreakers breakers) {
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.breakers = breakers;
        this.retries = new Retries(new RetryPolicy(config.retry().maxRetries()), config.retry().backoff(), vertx);
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64));
    }

    /**
     * Forwards the request.
     *
     * @param uri         the path and query to ask the upstream for
     * @param credentials whether the caller's Authorization and Cookie headers go along
     */
    public void forward(RoutingContext ctx, Upstream upstream, String uri, Duration timeout, boolean credentials) {
        HttpServerRequest request = ctx.request();
        HostAndPort authority = request.authority();
        Forwarding forwarding = new Forwarding(upstream, uri, timeout, credentials, RequestIds.of(ctx),
                request.remoteAddress().hostAddress(), request.scheme(),
                authority == null ? null : authority.toString(), ctx.normalizedPath(), maxBodyBytes);
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            // the caller is authenticated and routed: now invite the body (the upstream does not see the Expect header)
            request.response().writeContinue();
        }
        long millis = timeout.toMillis();
        HttpProxy.reverseProxy(OPTIONS, client)
                .origin(context -> context.client().request(new RequestOptions()
                        .setHost(upstream.host())
                        .setPort(upstream.port())
                        .setSsl(upstream.ssl())
                        .setConnectTimeout(millis)
                        .setIdleTimeout(millis)))
                .addInterceptor(new ForwardingInterceptor(forwarding, breakers.of(upstream), retries))
                .handle(request);
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }
}
