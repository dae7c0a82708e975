package org.careline.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's routing table and limits. Upstream URLs and routes live in application.properties so that
 * the environment ({@code CARELINE_GATEWAY_UPSTREAMS_MESSAGING}, ...) can override each of them.
 */
@ConfigMapping(prefix = "careline.gateway")
public interface GatewayConfig {

    /** Base URL (scheme, host, port; no path) of each upstream service, by name: messaging, triage, billing, audit. */
    Map<String, URI> upstreams();

    /** API routes by name: a path prefix under /api and the upstream that serves it. */
    Map<String, RouteConfig> routes();

    /** How long an upstream may stay silent (no response bytes) before the gateway answers 504; routes may override. */
    @WithDefault("10s")
    Duration timeout();

    /** How long opening a TCP connection to an upstream may take before the gateway gives up. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * The largest request body the gateway forwards (bytes, or with a unit: 10M). A larger Content-Length gets 413
     * at once; a chunked body is cut off (and the upstream exchange reset) once it goes over.
     */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** The path of each upstream's OpenAPI document, served without authentication at /openapi/{upstream}. */
    @WithDefault("/q/openapi?format=json")
    String openapiPath();

    /** Per-caller request rate limit. */
    RateLimitConfig rateLimit();

    /** Retries of idempotent requests. */
    RetryConfig retry();

    /** A circuit breaker per upstream. */
    CircuitBreakerConfig circuitBreaker();

    /** Which browser origins (the clinicians' frontend) may call the gateway cross-origin. */
    CorsConfig cors();

    /** One API route. */
    interface RouteConfig {

        /** The path prefix, e.g. /api/v1/threads; it matches itself and every path below it. */
        String prefix();

        /** The name of the upstream (a key of careline.gateway.upstreams) that serves this route. */
        String upstream();

        /** This route's upstream silence timeout; careline.gateway.timeout when absent. */
        Optional<Duration> timeout();

        /** This route's rate limits; each one absent falls back to careline.gateway.rate-limit. */
        RouteRateLimitConfig rateLimit();
    }

    /** Per-route rate limits (each caller and each client gets a bucket per route). */
    interface RouteRateLimitConfig {

        /** Sustained requests per second per caller (token subject) on this route. */
        Optional<Double> requestsPerSecond();

        /** Burst per caller on this route. */
        Optional<Integer> burst();

        /** Sustained requests per second per client application (token {@code azp}) on this route, all its users together. */
        Optional<Double> clientRequestsPerSecond();

        /** Burst per client application on this route. */
        Optional<Integer> clientBurst();
    }

    /**
     * Token buckets per route: one per caller (token subject, or client address where there is no token) and one per
     * client application (the token's {@code azp}, e.g. one EHR vendor's integration), shared by all its users.
     */
    interface RateLimitConfig {

        /** Whether requests are rate-limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second each caller may send (the bucket's refill rate). */
        @WithDefault("50")
        double requestsPerSecond();

        /** How many requests a caller may send at once (the bucket's size). */
        @WithDefault("100")
        int burst();

        /** Sustained requests per second each client application may send, all its users together. */
        @WithDefault("500")
        double clientRequestsPerSecond();

        /** How many requests a client application may send at once. */
        @WithDefault("1000")
        int clientBurst();

        /** Above this many tracked callers, the buckets of idle callers are dropped. */
        @WithDefault("10000")
        int maxTrackedCallers();
    }

    /** CORS: only the configured origins get CORS headers; any other cross-origin request is refused with 403. */
    interface CorsConfig {

        /** Allowed origins, exactly as browsers send them ({@code https://app.careline.dev}); none by default. */
        Optional<List<String>> origins();

        /** Methods a preflight may ask for. */
        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS")
        List<String> methods();

        /** Request headers a preflight may ask for (compared case-insensitively). */
        @WithDefault("Authorization,Content-Type,Accept,If-Match,If-None-Match,X-Request-Id,traceparent,tracestate")
        List<String> headers();

        /** Response headers the browser may show to the page. */
        @WithDefault("Location,ETag,Retry-After,X-Request-Id")
        List<String> exposedHeaders();

        /** How long a browser may cache a preflight answer. */
        @WithDefault("10m")
        Duration maxAge();
    }

    /** GET, HEAD and OPTIONS without a body are sent again after a failed connect or a 502/503. */
    interface RetryConfig {

        /** How many times one request may be sent again (0: never). */
        @WithDefault("2")
        int maxRetries();

        /** The pause before each retry. */
        @WithDefault("50ms")
        Duration backoff();
    }

    /** After this many failures in a row an upstream gets no requests for a while; then one probe tests it. */
    interface CircuitBreakerConfig {

        /** Failures in a row (failed connect, timeout, broken exchange, 502/503/504) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit refuses requests (503 with Retry-After) before it lets a probe through. */
        @WithDefault("10s")
        Duration openDuration();
    }
}
