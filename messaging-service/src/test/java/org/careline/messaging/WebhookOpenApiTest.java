package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document describes the webhook operations with examples, problems included. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class WebhookOpenApiTest {

    private static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";

    @Test
    void everyWebhookOperationHasAnExample() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertExample(doc, SUBSCRIPTIONS, "post", "201");
        assertExample(doc, SUBSCRIPTIONS, "post", "400");
        assertExample(doc, SUBSCRIPTIONS, "post", "422");
        assertExample(doc, SUBSCRIPTIONS, "get", "200");
        assertExample(doc, SUBSCRIPTIONS + "/{id}", "get", "200");
        assertExample(doc, SUBSCRIPTIONS + "/{id}", "put", "200");
        assertExample(doc, SUBSCRIPTIONS + "/{id}/secrets", "post", "201");
        assertExample(doc, SUBSCRIPTIONS + "/{id}/deliveries", "get", "200");
        assertExample(doc, SUBSCRIPTIONS + "/{id}/deliveries/{deliveryId}/replay", "post", "202");
        assertExample(doc, SUBSCRIPTIONS + "/{id}/deliveries/{deliveryId}/replay", "post", "409");
        assertExample(doc, SUBSCRIPTIONS + "/{id}/deliveries/replay", "post", "202");
        Map<String, Object> body = doc.getMap("paths.'" + SUBSCRIPTIONS + "'.post.requestBody.content.'application/json'.examples");
        assertNotNull(body, "the subscription request has an example");
    }

    private static void assertExample(JsonPath doc, String path, String method, String status) {
        Map<String, Object> content = doc.getMap("paths.'" + path + "'." + method + ".responses.'" + status + "'.content");
        assertNotNull(content, method + " " + path + " " + status + " has no content");
        boolean hasExample = content.values().stream()
                .anyMatch(c -> c instanceof Map<?, ?> m && m.get("examples") instanceof Map<?, ?> e && !e.isEmpty());
        assertTrue(hasExample, method + " " + path + " " + status + " has no example");
    }
}
