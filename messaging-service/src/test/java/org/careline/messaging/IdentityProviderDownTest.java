package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;

/** With Keycloak unreachable, a request with a token gets a 503 problem to retry, not a 500. */
@QuarkusTest
@TestProfile(IdentityProviderDownTest.KeycloakUnreachable.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class IdentityProviderDownTest {

    public static class KeycloakUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 9 (discard) on loopback: nothing listens, connections are refused at once
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:9/realms/careline",
                    "quarkus.oidc.connection-retry-count", "0");
        }
    }

    @Test
    void aTokenThatCannotBeVerifiedYetIs503WithRetryAfter() {
        given().auth().oauth2(ThreadResourceTest.PATIENT1).get("/api/v1/threads/{id}",
                        "00000000-0000-0000-0000-000000000000")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", endsWith("/identity-provider-unavailable"));
    }
}
