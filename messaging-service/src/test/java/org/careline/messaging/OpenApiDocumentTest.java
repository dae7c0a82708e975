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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document describes the template, out-of-office and attachment operations with examples. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class OpenApiDocumentTest {

    @Test
    void everyNewOperationIsDocumentedWithExamplesAndProblems() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");

        assertExample(doc, "/api/v1/templates", "post", "201");
        assertExample(doc, "/api/v1/templates", "get", "200");
        assertExample(doc, "/api/v1/templates/{id}/render", "post", "200");
        assertExample(doc, "/api/v1/out-of-office", "post", "201");
        assertExample(doc, "/api/v1/threads/{threadId}/attachments", "post", "201");
        assertExample(doc, "/api/v1/threads/{threadId}/attachments", "post", "413");
        assertExample(doc, "/api/v1/threads/{threadId}/attachments", "post", "415");
        assertExample(doc, "/api/v1/threads/{id}/visit-request", "post", "201");
        assertExample(doc, "/api/v1/threads/{id}/visit-request", "post", "409");
        assertExample(doc, "/api/v1/threads/{id}/visit-request", "patch", "200");
        assertExample(doc, "/api/v1/threads/{id}/visit-request", "patch", "409");
        assertNotNull(doc.getMap("paths.'/api/v1/threads/{id}/visit-request'.patch.requestBody.content.'application/json'.examples"));
        assertExample(doc, "/api/v1/fhir/HealthcareService", "get", "200");
        assertExample(doc, "/api/v1/fhir/HealthcareService", "get", "403");
        assertExample(doc, "/api/v1/fhir/PractitionerRole", "get", "200");
        assertExample(doc, "/api/v1/directory", "get", "200");
        assertExample(doc, "/api/v1/directory", "get", "403");
        assertExample(doc, "/api/v1/directory/care-teams/{careTeam}/clinicians/{username}", "put", "200");
        assertTrue(paths.containsKey("/api/v1/threads/{threadId}/attachments/{attachmentId}"));
        assertTrue(paths.containsKey("/api/v1/out-of-office/{id}"));
        assertEquals("binary", doc.getString(
                "paths.'/api/v1/threads/{threadId}/attachments'.post.requestBody.content.'application/octet-stream'.schema.format"));
    }

    private static void assertExample(JsonPath doc, String path, String method, String status) {
        Map<String, Object> content = doc.getMap("paths.'" + path + "'." + method + ".responses.'" + status + "'.content");
        assertNotNull(content, method + " " + path + " " + status + " has no content");
        boolean hasExample = content.values().stream()
                .anyMatch(c -> c instanceof Map<?, ?> m && m.get("examples") instanceof Map<?, ?> e && !e.isEmpty());
        assertTrue(hasExample, method + " " + path + " " + status + " has no example");
    }
}
