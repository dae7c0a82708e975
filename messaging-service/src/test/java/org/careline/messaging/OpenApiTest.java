package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** The OpenAPI document names every operation with its examples and problem responses. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class OpenApiTest {

    @Test
    void everyOperationIsDocumentedWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/threads'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/threads'.get.responses.'200'.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/threads/{id}'.get.responses.'404'.content.'application/problem+json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/threads/{id}/messages'.post.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/threads/{id}/messages'.post.responses.'409'", notNullValue())
                .body("paths.'/api/v1/threads/{id}/read'.post.responses.'200'.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/proxy-grants'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/proxy-grants/{id}'.delete.responses.'403'", notNullValue())
                .body("paths.'/api/v1/fhir/Communication'.get.responses.'200'.content.'application/fhir+json'.examples",
                        notNullValue())
                .body(containsString("timeSpentMinutes"));
    }
}
