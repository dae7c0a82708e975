package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile paths, sent byte for byte: routing and forwarding both use the normalized path, or refuse. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class PathTraversalTest {

    @Test
    void dotSegmentsOutOfARouteAreResolvedBeforeRoutingAndMatchNoRoute() {
        String marker = Tokens.marker();
        RawHttp.Response response = RawHttp.get(RestAssured.port, "/api/v1/threads/../../q/metrics?probe=" + marker, Tokens.fresh());
        assertEquals(404, response.status());
        assertTrue(response.text().contains("application/problem+json"));
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
    }

    @Test
    void percentEncodedDotSegmentsAreResolvedToo() {
        String marker = Tokens.marker();
        RawHttp.Response response = RawHttp.get(RestAssured.port, "/api/v1/%2e%2e/admin?probe=" + marker, Tokens.fresh());
        assertEquals(404, response.status());
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
    }

    @Test
    void theUpstreamIsAskedForTheNormalizedPathNeverForADotSegment() {
        String marker = Tokens.marker();
        RawHttp.Response response = RawHttp.get(RestAssured.port,
                "/api/v1/threads/%2E%2E/queues/./" + marker + "?probe=1", Tokens.fresh());
        assertEquals(200, response.status());
        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals("/api/v1/queues/" + marker + "?probe=1", seen.get("uri"));
    }

    @Test
    void encodedSlashesBackslashesAndMatrixParametersAreRefused() {
        for (String hostile : new String[] {
                "/api/v1/threads/..%2f..%2fq%2fmetrics", "/api/v1/threads/..%5C..%5Cq", "/api/v1/threads/..;/..;/q/metrics",
                "/api/v1/threads/a%00b"}) {
            String marker = Tokens.marker();
            RawHttp.Response response = RawHttp.get(RestAssured.port, hostile + "?probe=" + marker, Tokens.fresh());
            assertEquals(400, response.status(), hostile);
            assertTrue(response.text().contains("https://careline.dev/problems/invalid-path"), hostile);
            assertTrue(FakeUpstream.receivedWith(marker).isEmpty(), hostile);
        }
        assertFalse(FakeUpstream.receivedWith("metrics").stream().anyMatch(r -> ((String) r.get("uri")).startsWith("/q/")));
    }
}
