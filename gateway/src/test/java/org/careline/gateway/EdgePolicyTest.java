package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security headers, CSP (and a Swagger UI that still runs under it), CORS, public paths and unknown paths. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class EdgePolicyTest {

    private static final String STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern SRC = Pattern.compile("\\bsrc=\"([^\"]+)\"");

    @Test
    void everyKindOfResponseCarriesTheSecurityHeadersAndTheGatewaysCspReplacesTheUpstreams() {
        List<Response> responses = List.of(
                given().auth().oauth2(Tokens.fresh()).get("/api/v1/threads/" + Tokens.marker()), // proxied
                given().get("/api/v1/threads/x"), // 401 problem
                given().get("/no/such/page"), // 404 problem
                given().get("/q/health/live")); // Quarkus's own
        for (Response response : responses) {
            assertEquals("max-age=31536000; includeSubDomains", response.header("Strict-Transport-Security"));
            assertEquals("nosniff", response.header("X-Content-Type-Options"));
            assertEquals("DENY", response.header("X-Frame-Options"));
            assertEquals("no-referrer", response.header("Referrer-Policy"));
            assertEquals(List.of(STRICT_CSP), response.headers().getValues("Content-Security-Policy"));
        }
    }

    @Test
    void swaggerUiPageLoadsItsScriptsUnderItsCsp() throws Exception {
        Response page = given().get("/q/swagger-ui/");
        page.then().statusCode(200).contentType(containsString("text/html"));
        String csp = page.header("Content-Security-Policy");
        String scriptSrc = directive(csp, "script-src");
        assertFalse(scriptSrc.contains("'unsafe-inline'"), csp);
        assertTrue(directive(csp, "frame-ancestors").equals("frame-ancestors 'none'"), csp);

        Matcher scripts = SCRIPT.matcher(page.asString());
        List<String> external = new ArrayList<>();
        int inline = 0;
        while (scripts.find()) {
            Matcher src = SRC.matcher(scripts.group(1));
            if (src.find()) {
                external.add(src.group(1));
            } else {
                inline++;
                String hash = "'sha256-" + Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(scripts.group(2).getBytes(StandardCharsets.UTF_8))) + "'";
                assertTrue(scriptSrc.contains(hash), "inline script " + inline + " not allowed by " + csp);
            }
        }
        assertTrue(inline >= 1, "expected the Swagger UI bootstrap script inline");
        assertFalse(external.isEmpty());
        assertTrue(scriptSrc.contains("'self'"), csp);
        for (String src : external) {
            // same-origin (relative) scripts, allowed by 'self', and they are there
            assertFalse(src.contains("//"), src);
            given().get("/q/swagger-ui/" + src).then().statusCode(200);
        }
        // the page fetches the API documents from the gateway itself
        assertEquals("connect-src 'self'", directive(csp, "connect-src"));
    }

    @Test
    void allowedOriginPreflightIsAnsweredWithoutAToken() {
        given().header("Origin", FakeUpstreamResource.FRONTEND_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options("/api/v1/threads")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", FakeUpstreamResource.FRONTEND_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", containsString("Origin"));
    }

    @Test
    void allowedOriginActualRequestGetsTheGatewaysCorsHeadersNotTheUpstreams() {
        given().auth().oauth2(Tokens.fresh()).header("Origin", FakeUpstreamResource.FRONTEND_ORIGIN)
                .get("/api/v1/threads/" + Tokens.marker())
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", FakeUpstreamResource.FRONTEND_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void upstreamCorsHeadersAreDroppedForNonCorsRequests() {
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/threads/" + Tokens.marker())
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void disallowedOriginGets403WithoutCorsHeadersForPreflightAndActualRequests() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/threads")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/cors-rejected"))
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());

        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).header("Origin", "https://evil.example")
                .get("/api/v1/threads/" + marker)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
    }

    @Test
    void preflightAskingForAnUnlistedHeaderOrMethodIsRefused() {
        given().header("Origin", FakeUpstreamResource.FRONTEND_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-user-id")
                .options("/api/v1/threads")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", FakeUpstreamResource.FRONTEND_ORIGIN)
                .header("Access-Control-Request-Method", "TRACE")
                .options("/api/v1/threads")
                .then().statusCode(403);
    }

    @Test
    void publicPathsIgnoreABadToken() {
        String bad = "Bearer not-a-jwt";
        given().header("Authorization", bad).get("/openapi/messaging").then().statusCode(200).body("openapi", equalTo("3.1.0"));
        given().header("Authorization", bad).get("/q/swagger-ui/").then().statusCode(200);
        given().header("Authorization", bad).get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", bad).get("/no/such/page").then().statusCode(404);
        // still refused where a token is needed
        given().header("Authorization", bad).get("/api/v1/threads/x").then().statusCode(401);
    }

    @Test
    void unknownPathsOutsideTheApiAreProblemsToo() {
        given().get("/no/such/page")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/not-found"))
                .body("instance", equalTo("/no/such/page"));
        given().post("/q/nothing").then().statusCode(404).contentType("application/problem+json");
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            if (part.trim().startsWith(name + " ")) {
                return part.trim();
            }
        }
        throw new AssertionError(name + " missing from " + csp);
    }
}
