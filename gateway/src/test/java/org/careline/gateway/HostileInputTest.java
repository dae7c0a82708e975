package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests, written byte for byte on a socket (HTTP clients would normalize them). Each one carries a
 * marker; the fake upstream counts what reaches it: none may, and each gets its 4xx.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class HostileInputTest {

    // ---- paths -------------------------------------------------------------------------------------------------

    @Test
    void traversalAndEncodedVariantsNeverReachAnUpstream() {
        Map<String, Integer> hostile = Map.ofEntries(
                Map.entry("/api/v1/threads/../../q/metrics", 404),
                Map.entry("/api/v1/threads/%2e%2e/%2e%2e/q/metrics", 404),
                Map.entry("/api/v1/threads/%2E%2E/%2E%2E/admin", 404),
                Map.entry("/api/v1/threads/.%2e/.%2e/q/metrics", 404),
                Map.entry("/api/v1/threads/%252e%252e/%252e%252e/q/metrics", 400),
                Map.entry("/api/v1/threads/%252E%252E%252Fq", 400),
                Map.entry("/api/v1/threads/..%2f..%2fq%2fmetrics", 400),
                Map.entry("/api/v1/threads/..\\..\\q\\metrics", 400),
                Map.entry("/api/v1/threads/..%5c..%5cq", 400),
                Map.entry("/api/v1/threads/..;/..;/q/metrics", 400),
                Map.entry("/api/v1/threads;jsessionid=1/x", 400),
                Map.entry("/api/v1/threads//x", 400),
                Map.entry("/api//v1/threads/x", 400),
                Map.entry("//api/v1/threads/x", 400),
                Map.entry("/api/v1/threads/a%00b", 400));
        hostile.forEach((path, status) -> {
            String marker = Tokens.marker();
            RawHttp.Response response = send("GET " + path + "?probe=" + marker + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + Tokens.fresh() + "\r\nConnection: close\r\n\r\n");
            assertEquals((int) status, response.status(), path + "\n" + response.text());
            // a raw backslash is refused by the HTTP codec itself (an invalid request line), before any handler
            assertTrue(path.contains("\\") || response.text().contains("application/problem+json"), path + "\n" + response.text());
            assertNothingReached(marker, path);
        });
    }

    // ---- request smuggling -----------------------------------------------------------------------------------

    /**
     * Netty drops the Content-Length of a request that also says {@code Transfer-Encoding: chunked} before the gateway
     * sees it (RFC 9112 6.1 allows either that or a 400), so the gateway cannot refuse it; what must hold is that
     * there is one reading only: the body ends at the zero chunk, and what follows is parsed by the gateway as a
     * request of its own, which goes through authentication like any other and never reaches an upstream.
     */
    @Test
    void contentLengthTogetherWithTransferEncodingIsFramedByTheChunksAndTheSmuggledRequestIsNotForwarded() {
        String marker = Tokens.marker();
        RawHttp.Response response = send("POST /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + Tokens.fresh() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /api/v1/threads/" + marker + "/smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(response.text().contains("HTTP/1.1 401 Unauthorized"), response.text());
        assertTrue(FakeUpstream.receivedWith(marker + "/smuggled").isEmpty(), "the smuggled request reached the upstream");
        Map<String, Object> outer = FakeUpstream.onlyWith(marker);
        assertEquals("", outer.get("body"), "the body is what the chunks say: nothing");
        assertTrue(FakeUpstream.header(outer, "content-length").stream().allMatch("0"::equals));
    }

    @Test
    void duplicateContentLengthIsRefused() {
        for (String lengths : new String[] {"Content-Length: 2\r\nContent-Length: 40\r\n", "Content-Length: 2\r\nContent-Length: 2\r\n",
                "Content-Length: 2, 40\r\n"}) {
            String marker = Tokens.marker();
            RawHttp.Response response = send("POST /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Tokens.fresh() + "\r\nContent-Type: application/json\r\n" + lengths
                    + "Connection: close\r\n\r\n{}");
            assertEquals(400, response.status(), lengths + response.text());
            assertNothingReached(marker, lengths);
        }
    }

    @Test
    void unsupportedOrObfuscatedTransferEncodingsAreRefused() {
        for (String te : new String[] {"Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n",
                "Transfer-Encoding: xchunked\r\n", "Transfer-Encoding : chunked\r\n"}) {
            String marker = Tokens.marker();
            RawHttp.Response response = send("POST /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Tokens.fresh() + "\r\nContent-Type: application/json\r\n" + te
                    + "Connection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            assertEquals(400, response.status(), te + response.text());
            assertNothingReached(marker, te);
        }
    }

    /**
     * Netty replaces an obs-fold with a space (RFC 9112 5.2 allows that or a 400) before the gateway sees the header,
     * so the gateway forwards one clean line: no line break can be smuggled into the upstream request.
     */
    @Test
    void obsoleteLineFoldingIsUnfoldedIntoOneLine() {
        String marker = Tokens.marker();
        RawHttp.Response response = send("GET /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + Tokens.fresh() + "\r\nX-Note: first\r\n X-Injected: yes\r\nConnection: close\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        Map<String, Object> seen = FakeUpstream.onlyWith(marker);
        assertEquals(java.util.List.of("first X-Injected: yes"), FakeUpstream.header(seen, "x-note"));
        assertTrue(FakeUpstream.header(seen, "x-injected").isEmpty());
    }

    // ---- sizes -----------------------------------------------------------------------------------------------

    @Test
    void oversizeHeadersAre431() {
        String marker = Tokens.marker();
        RawHttp.Response response = send("GET /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + Tokens.fresh() + "\r\nX-Padding: " + "a".repeat(40_000) + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, response.status(), response.text());
        assertNothingReached(marker, "big header");
    }

    @Test
    void oversizeRequestLineIs414() {
        String marker = Tokens.marker();
        RawHttp.Response response = send("GET /api/v1/threads/" + marker + "?q=" + "a".repeat(10_000) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + Tokens.fresh() + "\r\nConnection: close\r\n\r\n");
        assertEquals(414, response.status(), response.text());
        assertNothingReached(marker, "long request line");
    }

    @Test
    void oversizeBodyWithContentLengthIs413BeforeAnythingIsForwarded() {
        String marker = Tokens.marker();
        RawHttp.Response response = send("POST /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + Tokens.fresh() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (FakeUpstreamResource.MAX_BODY_BYTES + 1) + "\r\n\r\n{\"a\":\"");
        assertEquals(413, response.status(), response.text());
        assertTrue(response.text().contains("application/problem+json"), response.text());
        assertNothingReached(marker, "413 by Content-Length");
    }

    @Test
    void oversizeChunkedBodyIs413AndTheUpstreamNeverGetsAWholeRequest() {
        String marker = Tokens.marker();
        StringBuilder raw = new StringBuilder("POST /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + Tokens.fresh() + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = "x".repeat(16 * 1024);
        for (int sent = 0; sent <= FakeUpstreamResource.MAX_BODY_BYTES; sent += chunk.length()) {
            raw.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        raw.append("0\r\n\r\n");
        RawHttp.Response response = send(raw.toString());
        assertEquals(413, response.status(), response.text().substring(0, Math.min(400, response.text().length())));
        assertNothingReached(marker, "413 chunked");
    }

    // ---- forged tokens ---------------------------------------------------------------------------------------

    @Test
    void forgedTokensAre401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        long past = System.currentTimeMillis() / 1000 - 600;
        Map<String, String> forged = Map.of(
                "alg none", unsigned(),
                "another key", Jwt.issuer(TestTokens.ISSUER).subject("sub-x").audience(TestTokens.AUDIENCE).expiresIn(300)
                        .jws().keyId("careline-test").sign(generator.generateKeyPair().getPrivate()),
                "HS256 with the public key as secret", Jwt.issuer(TestTokens.ISSUER).subject("sub-x").audience(TestTokens.AUDIENCE)
                        .expiresIn(300).jws().keyId("careline-test").algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                        .sign(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(TestTokens.publicKeyBase64()), "HmacSHA256")),
                "expired", TestTokens.user("late").roles("patient").expiresAt(past).sign(),
                "wrong issuer", TestTokens.user("x").roles("patient").issuer("https://evil.example/realms/careline").sign(),
                "wrong audience", TestTokens.user("x").roles("patient").audience("other-api").sign(),
                "tampered payload", tamper(TestTokens.user("x").roles("patient").sign()));
        forged.forEach((what, token) -> {
            String marker = Tokens.marker();
            RawHttp.Response response = send("GET /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            assertEquals(401, response.status(), what);
            assertTrue(response.text().contains("https://careline.dev/problems/unauthenticated"), what);
            assertNothingReached(marker, what);
        });
    }

    // ---- CORS ------------------------------------------------------------------------------------------------

    @Test
    void disallowedOriginsNeverReachAnUpstream() {
        for (String origin : new String[] {"https://evil.example", "null", "https://app.careline.test.evil.example",
                "http://app.careline.test"}) {
            String marker = Tokens.marker();
            RawHttp.Response response = send("DELETE /api/v1/threads/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Tokens.fresh() + "\r\nOrigin: " + origin + "\r\nConnection: close\r\n\r\n");
            assertEquals(403, response.status(), origin);
            assertTrue(!response.text().toLowerCase().contains("access-control-allow-origin"), origin);
            assertNothingReached(marker, origin);
        }
    }

    private static String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = System.currentTimeMillis() / 1000 + 300;
        String payload = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"sub-x\",\"aud\":\""
                + TestTokens.AUDIENCE + "\",\"exp\":" + exp + ",\"realm_access\":{\"roles\":[\"admin\"]}}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"patient\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static RawHttp.Response send(String raw) {
        return RawHttp.exchange(RestAssured.port, raw);
    }

    private static void assertNothingReached(String marker, String what) {
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty(), what + " reached the upstream");
    }
}
