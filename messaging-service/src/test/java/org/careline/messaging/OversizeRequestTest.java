package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the HTTP layer refuses before any endpoint runs, written byte for byte on a socket: bodies over
 * {@code quarkus.http.limits.max-body-size} (declared or chunked) get careline-platform's 413 problem+json
 * ({@code OversizeBodies}); a chunked body under the limit still reaches the endpoint whole. Also records what the
 * HTTP codec itself answers to an overlong request line, oversize headers and a malformed request: a bare 4xx,
 * which no Careline code can reach (see docs/reliability.md).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class OversizeRequestTest {

    private static final String MARKER = "oversize-marker-7Q2";

    @Test
    void aDeclaredOversizeBodyIs413ProblemWithoutAnyOfTheBody() {
        Raw response = exchange(head("POST", "/api/v1/threads") + "Content-Type: application/json\r\n"
                + "Content-Length: " + (limit() + 1) + "\r\n\r\n{\"subject\":\"" + MARKER);
        assertProblem413(response);
    }

    @Test
    void aChunkedBodyPastTheLimitIs413ProblemAndTheConnectionCloses() {
        StringBuilder raw = new StringBuilder(head("POST", "/api/v1/threads")
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "{\"subject\":\"" + MARKER + "\",\"body\":\"" + "x".repeat(64 * 1024 - 40);
        for (long sent = 0; sent <= limit(); sent += chunk.length()) {
            raw.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        raw.append("0\r\n\r\n");
        Raw response = exchange(raw.toString());
        assertProblem413(response);
        assertTrue(response.text().toLowerCase().contains("connection: close"), response.head());
    }

    @Test
    void aChunkedBodyUnderTheLimitReachesTheEndpointWhole() {
        String json = "{\"subject\":\"Chunked refill\",\"body\":\"" + "y".repeat(9_000)
                + "\",\"topic\":\"MEDICATION\"}";
        StringBuilder raw = new StringBuilder(head("POST", "/api/v1/threads")
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int from = 0; from < json.length(); from += 1_300) {
            String part = json.substring(from, Math.min(json.length(), from + 1_300));
            raw.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
        }
        raw.append("0\r\n\r\n");
        Raw response = exchange(raw.toString());
        assertEquals(201, response.status(), response.head());
        String id = response.text().replaceFirst("(?s)^.*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
        given().auth().oauth2(Actors.PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("subject", equalTo("Chunked refill"))
                .body("messages[0].body.length()", equalTo(9_000));
    }

    @Test
    void aChunkedBodyThatIsNotJsonIsStillTheEndpointsOwn400Problem() {
        Raw response = exchange(head("POST", "/api/v1/threads") + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
        assertEquals(400, response.status(), response.head());
        assertTrue(response.text().contains("application/problem+json"), response.text());
    }

    /**
     * The HTTP codec answers these before the router: no Careline code runs, so they stay bare (no problem body).
     * What must hold: a 4xx, nothing of the request echoed, no stack trace, and the service still serves.
     */
    @Test
    void codecLevelRefusalsAreBare4xxAndTheServiceStaysHealthy() {
        Raw longLine = exchange("GET /api/v1/threads?q=" + "a".repeat(10_000) + MARKER + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Raw bigHeaders = exchange("GET /api/v1/threads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                + "a".repeat(40_000) + MARKER + "\r\nConnection: close\r\n\r\n");
        Raw malformed = exchange("GET /api/v1/threads HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken header without colon "
                + MARKER + "\r\nConnection: close\r\n\r\n");
        Raw badVersion = exchange("GET /api/v1/threads HTTP/9." + MARKER + "\r\nHost: 127.0.0.1\r\n\r\n");
        assertEquals(414, longLine.status(), longLine.head());
        assertEquals(431, bigHeaders.status(), bigHeaders.head());
        System.out.printf("codec refusals: long request line %d, big headers %d, header without colon %d, bad version %d%n",
                longLine.status(), bigHeaders.status(), malformed.status(), badVersion.status());
        for (Raw raw : new Raw[] {longLine, bigHeaders, malformed, badVersion}) {
            assertTrue(raw.status() == 0 || raw.status() >= 400 && raw.status() < 500, raw.head());
            assertFalse(raw.text().contains(MARKER), raw.text());
            assertFalse(raw.text().contains("Exception"), raw.text());
        }
        given().auth().oauth2(Actors.PATIENT1).get("/api/v1/threads").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void assertProblem413(Raw response) {
        assertEquals(413, response.status(), response.head());
        assertTrue(response.head().toLowerCase().contains("content-type: application/problem+json"), response.head());
        String body = response.body();
        assertTrue(body.contains("\"type\":\"https://careline.dev/problems/payload-too-large\""), body);
        assertTrue(body.contains("\"status\":413"), body);
        assertTrue(body.contains("\"title\":\"Content Too Large\""), body);
        assertTrue(body.contains("\"detail\":"), body);
        assertFalse(body.contains(MARKER), body);
    }

    private static long limit() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size",
                io.quarkus.runtime.configuration.MemorySize.class).asLongValue();
    }

    private static String head(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Actors.PATIENT1 + "\r\n";
    }

    record Raw(int status, String text) {
        String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text.substring(0, Math.min(text.length(), 500)) : text.substring(0, end);
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    /** Writes the bytes as they are; returns what came back until the server closed or went quiet for 3 s. */
    static Raw exchange(String raw) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything: read what it said
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | SocketException quietOrReset) {
                // keep what arrived
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int status = text.matches("(?s)HTTP/1\\.[01] [0-9]{3}.*") ? Integer.parseInt(text.substring(9, 12)) : 0;
            return new Raw(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
