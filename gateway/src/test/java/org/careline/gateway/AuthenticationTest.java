package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every /api request needs a valid token; otherwise 401 problem+json and no upstream sees the request. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class AuthenticationTest {

    @Test
    void noToken() {
        assertRejected(request -> request);
    }

    @Test
    void expiredToken() {
        long past = System.currentTimeMillis() / 1000 - 600;
        assertRejected(request -> request.auth().oauth2(TestTokens.user("late").roles("patient").expiresAt(past).sign()));
    }

    @Test
    void wrongAudience() {
        assertRejected(request -> request.auth().oauth2(TestTokens.user("elsewhere").roles("patient").audience("other-api").sign()));
    }

    @Test
    void wrongIssuer() {
        assertRejected(request -> request.auth().oauth2(
                TestTokens.user("forged").roles("patient").issuer("https://evil.example/realms/careline").sign()));
    }

    @Test
    void signedWithAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("sub-forged").audience(TestTokens.AUDIENCE).expiresIn(300)
                .jws().keyId("careline-test").sign(generator.generateKeyPair().getPrivate());
        assertRejected(request -> request.auth().oauth2(forged));
    }

    @Test
    void garbageToken() {
        assertRejected(request -> request.header("Authorization", "Bearer not-a-jwt"));
    }

    @Test
    void otherAuthorizationScheme() {
        assertRejected(request -> request.header("Authorization", "Basic YWRtaW46YWRtaW4="));
    }

    @Test
    void aValidTokenPassesForTheSameRequest() {
        String marker = Tokens.marker();
        given().auth().oauth2(Tokens.fresh()).get("/api/v1/threads/" + marker).then().statusCode(200);
        assertEquals(1, FakeUpstream.receivedWith(marker).size());
    }

    private static void assertRejected(UnaryOperator<RequestSpecification> credentials) {
        String marker = Tokens.marker();
        credentials.apply(given())
                .contentType("application/json")
                .body("{\"subject\":\"s\"}")
                .post("/api/v1/threads/" + marker)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", notNullValue())
                .header("X-Content-Type-Options", "nosniff")
                .body("type", equalTo("https://careline.dev/problems/unauthenticated"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/threads/" + marker));
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
    }
}
