package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.careline.gateway.security.CacheProbe;
import org.careline.gateway.security.CachedBearerAuthentication;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verified tokens are cached ({@code VerifiedTokens}), and the cache never lets through what verification would
 * refuse: a tampered copy of a cached token, a cached token once it expires, a failure (never cached). The retired
 * key case is in {@link JwksRotationTest}.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(FakeUpstreamResource.class)
class TokenCacheTest {

    @Inject
    CachedBearerAuthentication authentication;

    @Test
    void aVerifiedTokenIsTakenFromTheCacheOnItsNextRequests() {
        String token = Tokens.fresh();
        String first = Tokens.marker();
        given().auth().oauth2(token).get("/api/v1/threads/" + first).then().statusCode(200);
        int cached = CacheProbe.size(authentication);
        for (int i = 0; i < 3; i++) {
            String marker = Tokens.marker();
            given().auth().oauth2(token).get("/api/v1/threads/" + marker).then().statusCode(200);
            assertEquals(1, FakeUpstream.receivedWith(marker).size());
        }
        assertEquals(cached, CacheProbe.size(authentication), "the same token must not be verified and stored again");
        assertTrue(CacheProbe.contains(authentication, token));
    }

    @Test
    void aTamperedCopyOfACachedTokenIsRefused() {
        String token = Tokens.fresh();
        given().auth().oauth2(token).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
        assertTrue(CacheProbe.contains(authentication, token));

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"patient\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (int i = 0; i < 2; i++) {
            String marker = Tokens.marker();
            given().auth().oauth2(tampered).get("/api/v1/threads/" + marker).then().statusCode(401);
            assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
        }
        assertTrue(!CacheProbe.contains(authentication, tampered), "a failure is never cached");
        given().auth().oauth2(token).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        long exp = System.currentTimeMillis() / 1000 + 3;
        String token = TestTokens.user("short-lived").roles("patient").expiresAt(exp).sign();
        given().auth().oauth2(token).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
        assertTrue(CacheProbe.contains(authentication, token));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            String marker = Tokens.marker();
            given().auth().oauth2(token).get("/api/v1/threads/" + marker).then().statusCode(401);
            assertTrue(FakeUpstream.receivedWith(marker).isEmpty());
        });
        assertTrue(System.currentTimeMillis() / 1000 >= exp, "refused only once expired");
        assertTrue(!CacheProbe.contains(authentication, token));
    }
}
