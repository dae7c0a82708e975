package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authenticated API requests go to the upstream of their route, shaped as the brief says. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class ProxyTest {

    @Test
    void getIsForwardedWithPathQueryAndAuthorizationAndTheResponseComesBack() {
        String token = Tokens.fresh();
        String marker = Tokens.marker();

        Response response = given().auth().oauth2(token)
                .header("X-Request-Id", "client-req-42." + marker.substring(2, 10))
                .get("/api/v1/threads/" + marker + "?page=2&size=5")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Upstream", "fake")
                .body("path", equalTo("/api/v1/threads/" + marker))
                .extract().response();

        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals("GET", seen.get("method"));
        assertEquals("/api/v1/threads/" + marker + "?page=2&size=5", seen.get("uri"));
        assertEquals(List.of("Bearer " + token), FakeUpstream.header(seen, "authorization"));
        String requestId = "client-req-42." + marker.substring(2, 10);
        assertEquals(List.of(requestId), FakeUpstream.header(seen, "x-request-id"));
        // the gateway's request id and security headers win over the upstream's
        assertEquals(List.of(requestId), response.headers().getValues("X-Request-Id"));
        assertEquals(List.of("DENY"), response.headers().getValues("X-Frame-Options"));
        assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"));
        assertEquals(List.of("no-referrer"), response.headers().getValues("Referrer-Policy"));
    }

    @Test
    void postJsonBodyIsStreamedToTheUpstreamAndTheCreatedResponseComesBack() {
        String marker = Tokens.marker();
        String json = "{\"subject\":\"Refill\",\"body\":\"" + "x".repeat(200_000) + "\"}";

        given().auth().oauth2(Tokens.fresh())
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/v1/triage/" + marker)
                .then().statusCode(201)
                .header("Location", "/api/v1/triage/" + marker + "/new-1")
                .body("echo", equalTo(json));

        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals("POST", seen.get("method"));
        assertEquals(json, seen.get("body"));
        assertEquals(List.of("application/json"), FakeUpstream.header(seen, "content-type"));
    }

    @Test
    void expectContinueIsAnsweredOnlyOnceTheCallerIsAuthenticatedAndTheBodyThenReachesTheUpstream() {
        String marker = Tokens.marker();
        String json = "{\"subject\":\"Refill\"}";

        String accepted = RawHttp.postExpectingContinue(RestAssured.port, "/api/v1/threads/" + marker,
                "Bearer " + Tokens.fresh(), json);
        assertTrue(accepted.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"), accepted);
        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals(json, seen.get("body"));
        assertTrue(FakeUpstream.header(seen, "expect").isEmpty());

        String anonymousMarker = Tokens.marker();
        String rejected = RawHttp.postExpectingContinue(RestAssured.port, "/api/v1/threads/" + anonymousMarker, null, json);
        assertTrue(rejected.startsWith("HTTP/1.1 401 Unauthorized\r\n"), rejected);
        assertTrue(FakeUpstream.receivedWith(anonymousMarker).isEmpty());
    }

    @Test
    void everyConfiguredPrefixReachesItsUpstreamAndPathsBelowOnlyMatchWholeSegments() {
        for (String prefix : List.of("/api/v1/threads", "/api/v1/fhir", "/api/v1/triage", "/api/v1/queues", "/api/v1/billing",
                "/api/v1/directory")) {
            String marker = Tokens.marker();
            given().auth().oauth2(Tokens.fresh()).get(prefix + "/" + marker).then().statusCode(200);
            assertEquals(prefix + "/" + marker, FakeUpstream.onlyWith(marker).get("uri"));
        }
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/threadsX/" + marker)
                .then().statusCode(404).contentType("application/problem+json");
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
    }

    @Test
    void requestIdIsGeneratedWhenMissingOrMalformedAndSentBothWays() {
        String marker = Tokens.marker();
        String returned = given().auth().oauth2(Tokens.fresh())
                .header("X-Request-Id", "bad id with spaces <script>")
                .get("/api/v1/threads/" + marker)
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        assertEquals(List.of(returned), FakeUpstream.header(FakeUpstream.onlyWith(marker), "x-request-id"));
    }

    @Test
    void clientSentForwardingHeadersAreReplacedByTheGatewaysOwn() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh())
                .header("X-Forwarded-For", "1.2.3.4")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/admin")
                .header("Forwarded", "for=1.2.3.4;proto=https")
                .header("X-Real-IP", "1.2.3.4")
                .get("/api/v1/threads/" + marker)
                .then().statusCode(200);

        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals(List.of("127.0.0.1"), FakeUpstream.header(seen, "x-forwarded-for"));
        assertEquals(List.of("http"), FakeUpstream.header(seen, "x-forwarded-proto"));
        assertEquals(List.of("localhost:" + RestAssured.port), FakeUpstream.header(seen, "x-forwarded-host"));
        assertEquals(List.of(String.valueOf(RestAssured.port)), FakeUpstream.header(seen, "x-forwarded-port"));
        assertTrue(FakeUpstream.header(seen, "forwarded").isEmpty());
        assertTrue(FakeUpstream.header(seen, "x-forwarded-prefix").isEmpty());
        assertTrue(FakeUpstream.header(seen, "x-real-ip").isEmpty());
        assertFalse(seen.toString().contains("1.2.3.4"));
    }

    @Test
    void unknownApiPathIsA404ProblemAndNoUpstreamIsContacted() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh())
                .get("/api/v1/nothing-here/" + marker)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/not-found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nothing-here/" + marker));
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
    }

    @Test
    void upstreamThatRefusesConnectionsIsA503ProblemWithRetryAfter() {
        given().auth().oauth2(Tokens.fresh())
                .get("/api/v1/audit/records")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://careline.dev/problems/upstream-unavailable"))
                .body("title", equalTo("Service Unavailable"))
                .body("status", equalTo(503))
                .body("detail", equalTo("The audit service is unavailable."))
                .body("instance", equalTo("/api/v1/audit/records"))
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void upstreamSlowerThanTheRouteTimeoutIsA504Problem() {
        String marker = Tokens.marker();
        long started = System.nanoTime();
        given().auth().oauth2(Tokens.fresh())
                .get("/api/v1/billing/slow/" + marker)
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/upstream-timeout"))
                .body("status", equalTo(504))
                .body("detail", equalTo("The billing service did not answer in time."));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < FakeUpstreamResource.SLOW_MILLIS, "answered after " + tookMillis + " ms");
        assertEquals(1, FakeUpstream.receivedWith(marker).size());
    }

    @Test
    void clientAssertedIdentityAndRewriteHeadersNeverReachTheUpstream() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh())
                .header("X-User-Id", "admin")
                .header("X-Remote-User", "admin")
                .header("Remote-User", "admin")
                .header("X-Auth-Request-Email", "admin@careline.dev")
                .header("X-Roles", "admin")
                .header("X-Careline-Caller", "admin")
                .header("X-Original-URL", "/q/metrics")
                .header("X-HTTP-Method-Override", "DELETE")
                .header("Accept", "application/json")
                .get("/api/v1/threads/" + marker)
                .then().statusCode(200);

        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        for (String name : List.of("x-user-id", "x-remote-user", "remote-user", "x-auth-request-email", "x-roles",
                "x-careline-caller", "x-original-url", "x-http-method-override")) {
            assertTrue(FakeUpstream.header(seen, name).isEmpty(), name);
        }
        assertFalse(seen.toString().contains("admin@careline.dev"));
        assertEquals(List.of("application/json"), FakeUpstream.header(seen, "accept"));
    }

    @Test
    void aValidTraceparentIsPassedOnWithItsTracestate() {
        String marker = Tokens.marker();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().auth().oauth2(Tokens.fresh())
                .header("traceparent", traceparent)
                .header("tracestate", "vendor=abc")
                .get("/api/v1/threads/" + marker)
                .then().statusCode(200);
        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals(List.of(traceparent), FakeUpstream.header(seen, "traceparent"));
        assertEquals(List.of("vendor=abc"), FakeUpstream.header(seen, "tracestate"));
    }

    @Test
    void aMissingOrInvalidTraceparentIsReplacedByANewTrace() {
        for (String invalid : new String[] {null, "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}) {
            String marker = Tokens.marker();
            var request = given().auth().oauth2(Tokens.fresh()).header("tracestate", "vendor=abc");
            if (invalid != null) {
                request.header("traceparent", invalid);
            }
            request.get("/api/v1/threads/" + marker).then().statusCode(200);
            Map<String, Object> seen = FakeUpstream.onlyWith(marker);
            List<String> forwarded = FakeUpstream.header(seen, "traceparent");
            assertEquals(1, forwarded.size(), String.valueOf(invalid));
            assertTrue(forwarded.get(0).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), forwarded.get(0));
            assertFalse(forwarded.get(0).equals(invalid));
            assertFalse(forwarded.get(0).contains("0000000000000000"), forwarded.get(0));
            assertTrue(FakeUpstream.header(seen, "tracestate").isEmpty(), String.valueOf(invalid));
        }
    }
}
