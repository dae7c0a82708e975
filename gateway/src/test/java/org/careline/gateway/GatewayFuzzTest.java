package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.careline.gateway.routing.Route;
import org.careline.gateway.routing.RouteTable;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests against every API route of the gateway, written byte for byte on a socket. The gateway has no
 * OpenAPI document of its own, so the requests are derived from its route table (every route whose upstream is up in
 * this test) and the shapes of the services' paths ({@code prefix} and {@code prefix/{id}}),
 * then mutated: hostile paths (traversal, encoded NUL and slashes, double encoding, overlong, double slashes, bad
 * percent escapes, raw non-ASCII), hostile headers (oversized, CRLF injection, NUL, duplicate Authorization, malformed
 * bearer tokens, forged X-Forwarded-* and identity headers, bad Host), hostile query strings and hostile bodies (deep
 * nesting, invalid UTF-8, huge strings, oversize declared and chunked, ambiguous framing).
 *
 * <p>Checked on every answer: no 5xx anywhere in it; an answer written by the gateway itself (not the fake upstream's
 * echo, which carries {@code X-Upstream: fake}) is a 4xx {@code application/problem+json} whose {@code status} is the
 * HTTP status, with no stack trace and nothing of the request but its path in {@code instance} (every request carries
 * a marker); the only exception
 * is the HTTP codec's own bare 400/414/431 for requests it cannot parse, which no gateway code sees (counted apart).
 * Afterwards the gateway is live and still forwards. Seeded: a run is reproducible; the count is printed.
 */
@QuarkusTest
@TestProfile(GatewayFuzzTest.Isolated.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class GatewayFuzzTest {

    /**
     * A profile of its own: a fresh gateway and fake upstream, so that the megabytes of hostile requests the fake
     * records never slow down other tests' reads of {@code /__recorded} (timing-sensitive breaker tests among them).
     */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final long SEED = 20261123L;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at org.", "at io.", "Caused by",
            "java.", "vertx", "netty");
    /** Routes of FakeUpstreamResource made for other tests (closed upstream, tiny rate limits, scripted failures). */
    private static final Set<String> TEST_ONLY_ROUTES = Set.of("down", "audit", "flaky", "fragile", "strict", "vendor");

    @Inject
    RouteTable routes;

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private int codecRefusals;
    private int forwarded;

    @Test
    void everyRouteSurvivesHostileRequests() {
        List<String> prefixes = routes.routes().stream()
                .filter(route -> !TEST_ONLY_ROUTES.contains(route.name())
                        && !TEST_ONLY_ROUTES.contains(route.upstream().name()))
                .map(Route::prefix).sorted().toList();
        assertTrue(prefixes.size() >= 8, "routes fuzzed: " + prefixes);

        for (String prefix : prefixes) {
            for (String path : List.of(prefix, prefix + "/" + java.util.UUID.randomUUID())) {
                hostilePaths(path);
                hostileHeaders(path);
                hostileQueries(path);
                hostileBodies(path);
            }
        }

        System.out.printf("GatewayFuzzTest: %d requests over %d routes (seed %d): %d answered by the upstream, "
                        + "%d codec refusals (bare 400/414/431), statuses %s, failures %d%n",
                requests, prefixes.size(), SEED, forwarded, codecRefusals, statuses, failures.size());
        failures.forEach(failure -> System.out.println("FUZZ FAILURE " + failure.substring(0, Math.min(400, failure.length()))
                .replace("\r\n", " | ")));
        assertTrue(requests >= 100 * prefixes.size(), "requests tried: " + requests);
        assertEquals(List.of(), failures.stream().limit(20).toList());

        // the gateway is still live and still forwards
        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(Tokens.fresh()).get(prefixes.get(0) + "/" + Tokens.marker()).then().statusCode(200);
    }

    /**
     * A caller whose chunked body breaks off (a malformed chunk size) fails the upstream exchange; that is the caller's
     * fault and must not count against the upstream's circuit breaker, or a few hostile requests would open it for
     * everyone (the fuzz run found this: a later request got 503 upstream-circuit-open).
     */
    @Test
    void brokenRequestBodiesDoNotOpenTheUpstreamsCircuit() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(200)).untilAsserted(() ->
                        given().auth().oauth2(Tokens.fresh()).get("/api/v1/flaky/" + Tokens.marker()).then().statusCode(200));
        for (int i = 0; i < 3 * FakeUpstreamResource.BREAKER_THRESHOLD; i++) {
            String marker = Tokens.marker();
            RawHttp.Response response = RawHttp.exchange(RestAssured.port, "POST /api/v1/flaky/" + marker
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer() + "Content-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nzz\r\n{}\r\n0\r\n\r\n");
            assertTrue(response.status() == 0 || response.status() < 500, response.text());
        }
        String after = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/flaky/" + after).then().statusCode(200);
        assertEquals(1, FakeUpstream.receivedWith(after).size(), "the circuit stayed closed");
    }

    // ---- paths --------------------------------------------------------------------------------------------------

    private void hostilePaths(String base) {
        List<Function<String, String>> mutations = List.of(
                m -> base + "/..%2f..%2fq%2fmetrics%2f" + m,
                m -> base + "/%2e%2e/%2e%2e/q/metrics?" + m,
                m -> base + "/..;/..;/" + m,
                m -> base + "/" + m + "%00",
                m -> base + "/" + m + "%00/../../etc/passwd",
                m -> base + "/%252e%252e/%252e%252e/" + m,
                m -> base + "//" + m,
                m -> "/" + base + "/" + m,
                m -> base + "/" + m + "%5c..%5c..",
                m -> base + "/" + m + "%c0%af..%c0%af",
                m -> base + "/" + m + "%ff%fe",
                m -> base + "/" + m + "%",
                m -> base + "/" + m + "%zz",
                m -> base + "/" + m + "%ed%a0%80",
                m -> base + "/" + m + "/%e2%80%ae" + "fdp.exe",
                m -> base.replace("a", "%d0%b0") + "/" + m,
                m -> base + "/" + m + "/" + "a".repeat(3_000),
                m -> base + "/" + m + "/" + "b".repeat(9_000),
                m -> base + "/" + m + ";jsessionid=1",
                m -> base + "/" + m + "/./././",
                m -> base + "/" + m + "/" + "../".repeat(40),
                m -> base + "/" + m + "#fragment",
                m -> base + "/" + m + "/é",
                m -> base + "/' OR '1'='1--" + m,
                m -> base + "/<script>alert(1)</script>" + m,
                m -> base + "/" + m + " HTTP/1.1\r\nX-Injected: yes\r\nX-Other:",
                m -> "*",
                m -> "http://evil.example" + base + "/" + m,
                m -> base + "/" + m + "?" + "q=" + "c".repeat(2_000));
        for (Function<String, String> mutation : mutations) {
            String marker = Tokens.marker();
            String method = pick("GET", "DELETE", "HEAD", "OPTIONS", "PUT", "PATCH", "TRACE", "CONNECT");
            send(method + " " + mutation.apply(marker) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                    + "Connection: close\r\n\r\n", marker);
        }
    }

    // ---- headers ------------------------------------------------------------------------------------------------

    private void hostileHeaders(String path) {
        List<Function<String, String>> headers = List.of(
                m -> "Authorization: Bearer " + Tokens.fresh() + "\r\nAuthorization: Bearer " + Tokens.fresh() + "\r\n",
                m -> "Authorization: Bearer " + Tokens.fresh() + "\r\nAuthorization: Basic " + m + "\r\n",
                m -> "Authorization: Bearer\r\n",
                m -> "Authorization: Bearer \r\n",
                m -> "Authorization: Bearer " + m + "\r\n",
                m -> "Authorization: Bearer a.b.c" + m + "\r\n",
                m -> "Authorization: Bearer e30.e30." + m + "\r\n",
                m -> "Authorization: bearer " + Tokens.fresh() + " " + m + "\r\n",
                m -> "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + m).getBytes()) + "\r\n",
                m -> "Authorization: Bearer " + "A".repeat(12_000) + m + "\r\n",
                m -> "Authorization: Bearer " + Tokens.fresh().replace('.', '!') + m + "\r\n",
                m -> "Authorization: Bearer " + m + "\u0000\r\n",
                m -> bearer() + "X-Padding: " + "p".repeat(40_000) + m + "\r\n",
                m -> bearer() + "X-Note: " + m + "\r\nX-Forwarded-For: 10.0.0.1\r\n",
                m -> bearer() + "X-Note: a\rX-Injected: " + m + "\r\n",
                m -> bearer() + "X-Note: a\nX-Injected: " + m + "\r\n",
                m -> bearer() + "X-Note: nul\u0000" + m + "\r\n",
                m -> bearer() + "X-Forwarded-For: 127.0.0.1, " + m + "\r\nX-Forwarded-Host: evil.example\r\n"
                        + "X-Forwarded-Proto: gopher\r\nX-Forwarded-Prefix: /admin\r\nForwarded: for=" + m + ";host=evil\r\n",
                m -> bearer() + "X-Original-URL: /q/metrics?" + m + "\r\nX-Rewrite-URL: /admin\r\n"
                        + "X-HTTP-Method-Override: DELETE\r\n",
                m -> bearer() + "X-User: admin\r\nX-Roles: admin\r\nX-Patient: " + m + "\r\nRemote-User: root\r\n",
                m -> bearer() + "Host: evil.example\r\n",
                m -> bearer() + "Origin: https://evil.example\r\nX-Note: " + m + "\r\n",
                m -> bearer() + "Expect: bogus-" + m + "\r\n",
                m -> bearer() + "Content-Type: application/json; charset=" + m + "\r\n",
                m -> bearer() + "traceparent: 00-" + m + "-zz\r\n",
                m -> bearer() + "X-Request-Id: " + m + "<script>\r\n",
                m -> bearer() + "Cookie: session=" + m + "; q_session=x\r\n",
                m -> bearer() + ": empty-name-" + m + "\r\n",
                m -> bearer() + "Bad Header Name: " + m + "\r\n");
        for (Function<String, String> header : headers) {
            String marker = Tokens.marker();
            String host = header.apply("probe").contains("\r\nHost: ") ? "" : "Host: 127.0.0.1\r\n";
            send(pick("GET", "DELETE", "POST") + " " + path + "/" + marker + " HTTP/1.1\r\n" + host
                    + header.apply(marker) + "Content-Length: 0\r\nConnection: close\r\n\r\n", marker);
        }
        // HTTP/1.1 without Host, and HTTP/1.0 with a token
        String marker = Tokens.marker();
        send("GET " + path + "/" + marker + " HTTP/1.1\r\n" + bearer() + "Connection: close\r\n\r\n", marker);
        marker = Tokens.marker();
        send("GET " + path + "/" + marker + " HTTP/1.0\r\n" + bearer() + "\r\n", marker);
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    private static final List<String> HOSTILE_VALUES = List.of(
            "'%20OR%20'1'%3D'1", "1;DROP%20TABLE%20threads--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "%24%7Bjndi%3Aldap%3A%2F%2Fevil%2Fa%7D", "%7B%7B7*7%7D%7D", "%00", "%0d%0aX-Injected:%20yes", "%ff%fe%fd",
            "%c0%ae%c0%ae", "%e2%80%ae", "%d0%b0dmin", "%ef%bc%a1", "-1", "9223372036854775808", "1e309", "NaN",
            "eyJpZCI6IjEifQ", "not-base64!!", "..%2F..%2F", "%2525", "a".repeat(1_500), "%", "%g1", "[]", "%5B%5D");

    private void hostileQueries(String path) {
        for (int i = 0; i < 12; i++) {
            String marker = Tokens.marker();
            String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
            String name = pick("cursor", "limit", "patientId", "status", "updatedAfter", "q", "__proto__", "a[b]",
                    "cursor&cursor=x", "");
            String query = name + "=" + value + "&m=" + marker + (random.nextBoolean() ? "&&&=&" : "");
            send(pick("GET", "GET", "DELETE") + " " + path + "?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + bearer() + "Connection: close\r\n\r\n", marker);
        }
    }

    // ---- bodies -------------------------------------------------------------------------------------------------

    private void hostileBodies(String path) {
        List<Function<String, byte[]>> bodies = List.of(
                m -> utf8("{\"subject\":\"" + m + "\",\"body\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                m -> utf8("{\"a\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + ",\"m\":\"" + m + "\"}"),
                m -> concat(utf8("{\"subject\":\"" + m + "\",\"body\":\""), new byte[] {(byte) 0xC3, (byte) 0x28,
                        (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF}, utf8("\"}")),
                m -> utf8("{\"subject\":\"" + m + "\",\"body\":\"" + "z".repeat(200_000) + "\"}"),
                m -> utf8("{\"subject\":\"" + m + "\\u0000\",\"body\":\"\\ud800\"}"),
                m -> utf8("{\"subject\":\"" + m + "\",\"body\":\"'; DROP TABLE threads;-- <img src=x onerror=alert(1)>\"}"),
                m -> utf8("{\"limit\":9223372036854775808,\"n\":1e400,\"m\":\"" + m + "\"}"),
                m -> utf8("not json " + m),
                m -> utf8("{\"subject\":\"" + m + "\",}"),
                m -> utf8("\uFEFF{\"m\":\"" + m + "\"}"),
                m -> new byte[0]);
        for (Function<String, byte[]> body : bodies) {
            String marker = Tokens.marker();
            byte[] bytes = body.apply(marker);
            String type = pick("application/json", "application/json", "text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "application/json; charset=UTF-16");
            if (random.nextInt(4) == 0) {
                send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer() + "Content-Type: " + type
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + Integer.toHexString(bytes.length) + "\r\n" + latin1(bytes) + "\r\n0\r\n\r\n", marker);
            } else {
                send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer() + "Content-Type: " + type
                        + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + latin1(bytes), marker);
            }
        }
        // oversize: declared, and chunked past the gateway's limit
        String marker = Tokens.marker();
        send("POST " + path + "/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                + "Content-Type: application/json\r\nContent-Length: " + (FakeUpstreamResource.MAX_BODY_BYTES + 1)
                + "\r\n\r\n{\"m\":\"" + marker, marker);
        marker = Tokens.marker();
        StringBuilder chunked = new StringBuilder("POST " + path + "/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + bearer() + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = marker + "x".repeat(64 * 1024);
        for (int sent = 0; sent <= FakeUpstreamResource.MAX_BODY_BYTES; sent += chunk.length()) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        send(chunked.append("0\r\n\r\n").toString(), marker);
        // ambiguous framing
        marker = Tokens.marker();
        send("POST " + path + "/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                + "Content-Length: 3\r\nContent-Length: 300\r\nConnection: close\r\n\r\n{}x", marker);
        marker = Tokens.marker();
        send("POST " + path + "/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                + "Transfer-Encoding: chunked, identity\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n", marker);
        marker = Tokens.marker();
        send("POST " + path + "/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                + "Content-Length: -1\r\nConnection: close\r\n\r\n{}", marker);
        marker = Tokens.marker();
        send("POST " + path + "/" + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", marker);
    }

    // ---- the rules ----------------------------------------------------------------------------------------------

    private void send(String raw, String marker) {
        requests++;
        RawHttp.Response response = RawHttp.exchange(RestAssured.port, raw);
        String text = response.text();
        String what = raw.substring(0, Math.min(raw.length(), 160)).replace("\r\n", " | ");
        statuses.merge(response.status(), 1, Integer::sum);
        Matcher lines = STATUS_LINE.matcher(text);
        while (lines.find()) {
            if (lines.group(1).startsWith("5")) {
                failures.add("5xx " + lines.group(1) + " for " + what);
            }
        }
        if (response.status() == 0) {
            // no answer at all is acceptable only when the codec closed an unparseable connection at once
            if (!text.isEmpty()) {
                failures.add("unreadable answer for " + what + ": " + text.substring(0, Math.min(200, text.length())));
            }
            codecRefusals++;
            System.out.println("NO ANSWER (connection closed) for " + what.substring(0, Math.min(100, what.length())));
            return;
        }
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String lowerHead = head.toLowerCase(Locale.ROOT);
        if (lowerHead.contains("\r\nx-upstream: fake")) {
            forwarded++;   // the fake upstream's echo: its body is its own (it repeats the request on purpose)
            return;
        }
        int status = response.status();
        if (status < 400 || status >= 500) {
            if (!(status == 200 && raw.startsWith("OPTIONS"))) {
                failures.add("gateway answered " + status + " for " + what);
            }
            return;
        }
        if (!lowerHead.contains("content-type: application/problem+json")) {
            boolean bare = body.isEmpty() || lowerHead.contains("content-length: 0");
            if (bare && (status == 400 || status == 414 || status == 431)) {
                codecRefusals++;
            } else {
                failures.add(status + " without problem+json for " + what + ": " + head);
            }
            return;
        }
        if (raw.startsWith("HEAD ")) {
            return;   // a HEAD answer has no body to check
        }
        String firstBody = body.contains("\r\n\r\nHTTP/") ? body.substring(0, body.indexOf("HTTP/")) : body;
        if (!firstBody.contains("\"status\":" + status) || !firstBody.contains("\"title\":\"")
                || !firstBody.contains("\"type\":\"https://careline.dev/problems/")) {
            failures.add("problem without type/title/status " + status + " for " + what + ": " + firstBody);
        }
        // instance is the request path by design (RFC 9457); nothing else may quote the request
        String withoutInstance = withoutInstance(firstBody);
        if (withoutInstance.contains(marker)) {
            failures.add("the answer quotes the request for " + what + ": " + firstBody);
        }
        for (String leak : LEAKS) {
            if (firstBody.contains(leak)) {
                failures.add("internals (" + leak + ") in the answer for " + what + ": " + firstBody);
            }
        }
    }

    /** The problem body without its {@code "instance":"..."} member (scanned, not a regex: paths can be long). */
    private static String withoutInstance(String body) {
        int start = body.indexOf("\"instance\":\"");
        if (start < 0) {
            return body;
        }
        int i = start + "\"instance\":\"".length();
        while (i < body.length() && body.charAt(i) != '"') {
            i += body.charAt(i) == '\\' ? 2 : 1;
        }
        return body.substring(0, start) + body.substring(Math.min(body.length(), i + 1));
    }

    private String bearer() {
        return "Authorization: Bearer " + Tokens.fresh() + "\r\n";
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
