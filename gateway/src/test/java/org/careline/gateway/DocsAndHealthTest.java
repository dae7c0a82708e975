package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services' API documents, the Swagger UI that shows them, and the gateway's health. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class DocsAndHealthTest {

    @Test
    void serviceOpenApiDocumentIsProxiedWithoutAToken() {
        given().get("/openapi/messaging")
                .then().statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("info.title", equalTo("Fake API"));
        List<Map<String, Object>> seen = FakeUpstream.receivedWith("/q/openapi");
        assertTrue(seen.stream().anyMatch(r -> r.get("uri").equals("/q/openapi?format=json")));
    }

    @Test
    void callerCredentialsAreNotPassedToTheDocumentEndpoint() {
        int before = FakeUpstream.receivedWith("/q/openapi").size();
        given().auth().oauth2(Tokens.fresh()).get("/openapi/triage").then().statusCode(200);
        List<Map<String, Object>> seen = FakeUpstream.receivedWith("/q/openapi");
        assertEquals(before + 1, seen.size());
        assertTrue(FakeUpstream.header(seen.get(seen.size() - 1), "authorization").isEmpty());
    }

    @Test
    void unknownServiceDocumentIs404() {
        given().get("/openapi/nope")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void serviceDocumentsAreReadOnly() {
        given().auth().oauth2(Tokens.fresh()).delete("/openapi/messaging")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET, HEAD");
    }

    @Test
    void swaggerUiListsEveryServiceDocument() {
        given().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("/openapi/messaging"))
                .body(containsString("/openapi/triage"))
                .body(containsString("/openapi/billing"))
                .body(containsString("/openapi/audit"));
    }

    @Test
    void gatewayStaysReadyAndReportsEachUpstreamsReadinessAndCircuitAsData() {
        int probesBefore = FakeUpstream.receivedWith("/q/health/ready").size();
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("upstreams"))
                .body("checks.find { it.name == 'upstreams' }.data.messaging", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'messaging.circuit'", equalTo("CLOSED"))
                .body("checks.find { it.name == 'upstreams' }.data.audit", equalTo("unreachable"));
        // the upstreams' own readiness endpoints were asked, not just their ports
        assertTrue(FakeUpstream.receivedWith("/q/health/ready").size() > probesBefore);
    }

    @Test
    void metricsHaveAHistogramPerRouteMethodAndStatusClassAndNoPathsOrIds() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/threads/" + marker).then().statusCode(200);
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/nothing/" + marker).then().statusCode(404);
        given().get("/api/v1/threads/" + marker).then().statusCode(401);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("careline_gateway_requests_seconds_bucket{method=\"GET\",route=\"threads\",status=\"2xx\",le=\""),
                metrics);
        assertTrue(metrics.contains("careline_gateway_requests_seconds_count{method=\"GET\",route=\"threads\",status=\"4xx\"}"));
        assertTrue(metrics.contains("careline_gateway_requests_seconds_count{method=\"GET\",route=\"unrouted\",status=\"4xx\"}"));
        assertFalse(metrics.contains(marker), "an id leaked into a metric");
        assertFalse(metrics.contains("uri=\""), "per-path labels must be off");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("careline_gateway_requests_seconds")) {
                assertTrue(line.matches("careline_gateway_requests_seconds_[a-z]+\\{method=\"[A-Z]+\",route=\"[a-z]+\",status=\"[1-5o][xt][xh]?e?r?\"(,le=\"[^\"]+\")?} .*"), line);
            }
        }
    }

    @Test
    void securityHeadersAreOnTheGatewaysOwnResponsesToo() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }
}
