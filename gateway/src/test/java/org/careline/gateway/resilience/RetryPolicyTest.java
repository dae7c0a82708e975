package org.careline.gateway.resilience;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(2);

    @Test
    void onlyBodylessIdempotentMethods() {
        assertTrue(policy.appliesTo(HttpMethod.GET, null, null));
        assertTrue(policy.appliesTo(HttpMethod.HEAD, "0", null));
        assertTrue(policy.appliesTo(HttpMethod.OPTIONS, null, null));
        assertFalse(policy.appliesTo(HttpMethod.GET, "12", null));
        assertFalse(policy.appliesTo(HttpMethod.GET, null, "chunked"));
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            assertFalse(policy.appliesTo(method, null, null), method.name());
        }
        assertFalse(new RetryPolicy(0).appliesTo(HttpMethod.GET, null, null));
    }

    @Test
    void onlyAfterAFailedConnectOrA502Or503AndBounded() {
        assertTrue(policy.retryAfter(new ConnectException("refused"), 0));
        assertTrue(policy.retryAfter(new ConnectTimeoutException("slow connect"), 1));
        assertFalse(policy.retryAfter(new ConnectException("refused"), 2));
        assertFalse(policy.retryAfter(new TimeoutException("idle"), 0));
        assertTrue(policy.retryAfter(502, 0));
        assertTrue(policy.retryAfter(503, 1));
        assertFalse(policy.retryAfter(503, 2));
        assertFalse(policy.retryAfter(504, 0));
        assertFalse(policy.retryAfter(500, 0));
    }
}
