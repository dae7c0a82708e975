package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.careline.platform.security.CachedBearerAuthentication;
import org.careline.platform.security.VerifiedTokens;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service verifies every caller's token itself; a token it verified before comes from the cache of verified
 * tokens (careline-platform's {@code VerifiedTokens}), which never lets through what verification refuses: a
 * tampered copy of a cached token, a cached token once it expires, a failure (never cached).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class TokenCacheTest {

    @Inject
    CachedBearerAuthentication authentication;

    @Test
    void aVerifiedTokenIsCachedAndATamperedCopyIsRefused() {
        String token = Actors.patient("cache-patient", "P-1001", "family-medicine");
        given().auth().oauth2(token).get("/api/v1/threads").then().statusCode(200);
        assertTrue(cached(token));
        given().auth().oauth2(token).get("/api/v1/threads").then().statusCode(200);

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("P-1001", "P-1002");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(tampered).get("/api/v1/threads").then().statusCode(401);
        given().auth().oauth2(tampered).get("/api/v1/threads").then().statusCode(401);
        assertFalse(cached(tampered), "a failure is never cached");
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        long exp = System.currentTimeMillis() / 1000 + 3;
        String token = TestTokens.user("short-lived").roles("patient").claim("patient_id", "P-1001")
                .claim("care_team", "family-medicine").expiresAt(exp).sign();
        given().auth().oauth2(token).get("/api/v1/threads").then().statusCode(200);
        assertTrue(cached(token));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/v1/threads").then().statusCode(401));
        assertTrue(System.currentTimeMillis() / 1000 >= exp, "refused only once expired");
    }

    private boolean cached(String token) {
        return authentication.cache().get(VerifiedTokens.keyOf(token)) != null;
    }
}
