package org.careline.gateway.routing;

import org.careline.gateway.ratelimit.Limit;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingRulesTest {

    private final Route threads = new Route("threads", "/api/v1/threads",
            new Upstream("messaging", "127.0.0.1", 8081, false), Duration.ofSeconds(10), new Limit(1, 1), new Limit(1, 1));

    @Test
    void aRouteMatchesItsPrefixAndWholeSegmentsBelowIt() {
        assertTrue(threads.matches("/api/v1/threads"));
        assertTrue(threads.matches("/api/v1/threads/"));
        assertTrue(threads.matches("/api/v1/threads/t-1/messages"));
        assertFalse(threads.matches("/api/v1/threadsX"));
        assertFalse(threads.matches("/api/v1/thread"));
        assertFalse(threads.matches("/api/v1"));
    }

    @Test
    void pathGuardRefusesWhatNormalizationLeavesAmbiguous() {
        assertTrue(PathGuard.isSafe("/api/v1/threads/t-1"));
        assertTrue(PathGuard.isSafe("/api/v1/threads/a%20b"));
        assertFalse(PathGuard.isSafe("/api/v1/threads/..%2F..%2Fq"));
        assertFalse(PathGuard.isSafe("/api/v1/threads/..%5c"));
        assertFalse(PathGuard.isSafe("/api/v1/threads/..\\.."));
        assertFalse(PathGuard.isSafe("/api/v1/threads/a%00"));
        assertFalse(PathGuard.isSafe("/api/v1/threads/..;/x"));
        assertFalse(PathGuard.isSafe("api/v1/threads"));
    }

    @Test
    void upstreamUrlsAreSchemeHostAndPortOnly() {
        assertEquals(new Upstream("m", "127.0.0.1", 8081, false), Upstream.of("m", URI.create("http://127.0.0.1:8081")));
        assertEquals(new Upstream("m", "svc", 443, true), Upstream.of("m", URI.create("https://svc/")));
        assertThrows(IllegalStateException.class, () -> Upstream.of("m", URI.create("http://svc:1/base")));
        assertThrows(IllegalStateException.class, () -> Upstream.of("m", URI.create("ftp://svc:1")));
        assertThrows(IllegalStateException.class, () -> Upstream.of("m", URI.create("svc:1")));
    }
}
