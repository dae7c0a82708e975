package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test bucket holds {@link FakeUpstreamResource#RATE_LIMIT_BURST} requests and refills at one per second. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class RateLimitTest {

    @Test
    void aCallerBeyondItsBucketGets429WithRetryAfterAndTheUpstreamIsSpared() {
        String token = Tokens.fresh();
        String marker = Tokens.marker();
        int sent = 0;
        int passed = 0;
        Response limited = null;
        for (int i = 0; i < FakeUpstreamResource.RATE_LIMIT_BURST * 3 && limited == null; i++) {
            Response response = given().auth().oauth2(token).get("/api/v1/threads/" + marker + "?n=" + i);
            sent++;
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertEquals(200, response.statusCode());
                passed++;
            }
        }

        assertNotNull(limited, "no 429 after " + sent + " requests");
        assertTrue(passed >= FakeUpstreamResource.RATE_LIMIT_BURST, "limited after only " + passed);
        assertEquals("application/problem+json", limited.contentType());
        assertEquals("https://careline.dev/problems/rate-limited", limited.jsonPath().getString("type"));
        assertEquals(429, limited.jsonPath().getInt("status"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        assertEquals(passed, FakeUpstream.receivedWith(marker).size());

        // the bucket is per caller: someone else is not affected
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
    }

    @Test
    void aRouteCanHaveItsOwnCallerLimitAndBucketsArePerRoute() {
        String token = Tokens.fresh();
        String marker = Tokens.marker();
        given().auth().oauth2(token).get("/api/v1/strict/" + marker + "/1").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/strict/" + marker + "/2").then().statusCode(200);
        Response limited = given().auth().oauth2(token).get("/api/v1/strict/" + marker + "/3");
        assertEquals(429, limited.statusCode());
        // 0.1 requests per second: the next token is about 10 s away
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 5, limited.header("Retry-After"));
        assertEquals(2, FakeUpstream.receivedWith(marker).size());
        given().auth().oauth2(token).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
    }

    @Test
    void aClientApplicationIsLimitedAcrossAllItsUsers() {
        String marker = Tokens.marker();
        for (int i = 0; i < FakeUpstreamResource.VENDOR_CLIENT_BURST; i++) {
            given().auth().oauth2(vendorUser("vendor-x")).get("/api/v1/vendor/" + marker + "/" + i).then().statusCode(200);
        }
        Response limited = given().auth().oauth2(vendorUser("vendor-x")).get("/api/v1/vendor/" + marker + "/late");
        assertEquals(429, limited.statusCode());
        assertEquals("application/problem+json", limited.contentType());
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        assertEquals(FakeUpstreamResource.VENDOR_CLIENT_BURST, FakeUpstream.receivedWith(marker).size());
        // another client application has its own bucket
        given().auth().oauth2(vendorUser("vendor-y")).get("/api/v1/vendor/" + Tokens.marker()).then().statusCode(200);
    }

    private static String vendorUser(String azp) {
        return TestTokens.user("user-" + UUID.randomUUID()).roles("clinician").claim("azp", azp).sign();
    }
}
