package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.TestOidcResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries (bodyless GET/HEAD/OPTIONS only, after 502/503 or a failed connect, at most twice) and the circuit breaker
 * per upstream (3 failures open it for 1 s here, then one probe). Counted at the fake upstream.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class ResilienceTest {

    @Test
    void aGetIsRetriedAfter503sAndTheCallerSeesOnlyTheSuccess() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/flaky/" + marker + "/fail-503-times-2")
                .then().statusCode(200);
        assertEquals(3, FakeUpstream.receivedWith(marker).size());
    }

    @Test
    void retriesAreBounded() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).head("/api/v1/flaky/" + marker + "/fail-502-times-9")
                .then().statusCode(502);
        assertEquals(3, FakeUpstream.receivedWith(marker).size(), "one try and two retries");
        resetFlakyBreaker();
    }

    @Test
    void nonIdempotentMethodsAndOtherStatusesAreNeverRetried() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).contentType("application/json").body("{}")
                .post("/api/v1/flaky/" + marker + "/fail-503-times-1")
                .then().statusCode(503);
        assertEquals(1, FakeUpstream.receivedWith(marker).size());

        String other = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/flaky/" + other + "/fail-500-times-1").then().statusCode(500);
        assertEquals(1, FakeUpstream.receivedWith(other).size());

        String withBody = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).contentType("application/json").body("{\"q\":1}")
                .get("/api/v1/flaky/" + withBody + "/fail-503-times-1").then().statusCode(503);
        assertEquals(1, FakeUpstream.receivedWith(withBody).size(), "a GET with a body is not replayed");
        resetFlakyBreaker();
    }

    @Test
    void aConnectFailureEndsIn503AfterBoundedRetriesWhichOpenTheCircuit() {
        // nothing listens behind "down": one GET is three failed connects (a try and two retries), the threshold
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/down/" + Tokens.marker())
                .then().statusCode(503)
                .header("Retry-After", "5")
                .body("type", equalTo("https://careline.dev/problems/upstream-unavailable"));
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/down/" + Tokens.marker())
                .then().statusCode(503)
                .body("type", equalTo("https://careline.dev/problems/upstream-circuit-open"));
    }

    @Test
    void breakerOpensAfterRepeatedFailuresHoldsRequestsBackAndClosesAfterASuccessfulProbe() {
        String token = Tokens.fresh();
        resetFragileBreaker();
        given().baseUri(fakeBase()).post("/__fragile/down").then().statusCode(204);
        // POSTs are not retried, so each one is exactly one failure
        for (int i = 0; i < FakeUpstreamResource.BREAKER_THRESHOLD; i++) {
            given().auth().oauth2(token).contentType("application/json").body("{}")
                    .post("/api/v1/fragile/" + Tokens.marker()).then().statusCode(503).body("down", equalTo(true));
        }

        String held = Tokens.marker();
        Response open = given().auth().oauth2(token).get("/api/v1/fragile/" + held);
        open.then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/upstream-circuit-open"))
                .body("detail", equalTo("The fragile service is failing; the gateway holds requests back for now."));
        assertTrue(Integer.parseInt(open.header("Retry-After")) >= 1);
        assertTrue(FakeUpstream.receivedWith(held).isEmpty(), "an open circuit does not contact the upstream");

        given().baseUri(fakeBase()).post("/__fragile/up").then().statusCode(204);
        // after the open time, one probe goes through; its success closes the circuit
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/v1/fragile/" + Tokens.marker()).then().statusCode(200));
        String after = Tokens.marker();
        given().auth().oauth2(token).get("/api/v1/fragile/" + after).then().statusCode(200);
        assertEquals(1, FakeUpstream.receivedWith(after).size());
    }

    @Test
    void aFailedProbeOpensTheCircuitAgain() {
        String token = Tokens.fresh();
        resetFragileBreaker();
        given().baseUri(fakeBase()).post("/__fragile/down").then().statusCode(204);
        try {
            for (int i = 0; i < FakeUpstreamResource.BREAKER_THRESHOLD; i++) {
                given().auth().oauth2(token).contentType("application/json").body("{}").post("/api/v1/fragile/" + Tokens.marker());
            }
            // wait until a probe has been let through and failed (the upstream saw it), then the circuit is open again
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String probe = Tokens.marker();
                given().auth().oauth2(token).contentType("application/json").body("{}").post("/api/v1/fragile/" + probe);
                return !FakeUpstream.receivedWith(probe).isEmpty();
            });
            String next = Tokens.marker();
            given().auth().oauth2(token).get("/api/v1/fragile/" + next).then().statusCode(503)
                    .body("type", equalTo("https://careline.dev/problems/upstream-circuit-open"));
            assertTrue(FakeUpstream.receivedWith(next).isEmpty());
        } finally {
            given().baseUri(fakeBase()).post("/__fragile/up").then().statusCode(204);
        }
    }

    /** Lets the flaky upstream's breaker close again, so that the next test starts from a closed circuit. */
    private static void resetFlakyBreaker() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(Tokens.fresh()).get("/api/v1/flaky/" + Tokens.marker()).then().statusCode(200));
    }

    /** Brings the fragile upstream up and waits until its breaker lets requests through again. */
    private static void resetFragileBreaker() {
        given().baseUri(fakeBase()).post("/__fragile/up").then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(Tokens.fresh()).get("/api/v1/fragile/" + Tokens.marker()).then().statusCode(200));
    }

    private static String fakeBase() {
        return ConfigProvider.getConfig().getValue("careline.gateway.upstreams.messaging", String.class);
    }
}
