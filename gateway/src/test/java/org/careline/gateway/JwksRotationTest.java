package org.careline.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.careline.testsupport.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signature keys come from a JWKS endpoint (discovery off, as against Keycloak's certs URL), are cached, and are
 * fetched again when a token names a key id the cache does not know (at most once per forced-refresh interval):
 * after the identity provider rotates its key, tokens signed with the new key are accepted and the retired key's
 * tokens are refused.
 */
@QuarkusTest
@WithTestResource(JwksResource.class)
@WithTestResource(FakeUpstreamResource.class)
class JwksRotationTest {

    @Test
    void keysAreCachedAndATokenFromARotatedKeyIsAcceptedAfterRefresh() throws Exception {
        String oldKeyToken = TestTokens.user("before-rotation").roles("patient").sign();
        given().auth().oauth2(oldKeyToken).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
        int fetchesBefore = fetches();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestTokens.user("cached-" + i).roles("patient").sign())
                    .get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200);
        }
        assertEquals(fetchesBefore, fetches(), "a known key must come from the cache");

        String newKeyToken = signedWithRotatedKey("after-rotation");
        String marker = Tokens.marker();
        given().auth().oauth2(newKeyToken).get("/api/v1/threads/" + marker).then().statusCode(401);
        assertTrue(FakeUpstream.receivedWith(marker).isEmpty());

        given().baseUri(jwksBase()).post("/__rotate").then().statusCode(204);

        // the forced refresh is allowed once per second here (1 minute in production): retry until it happened
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(newKeyToken).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(200));
        assertTrue(fetches() > fetchesBefore);

        // the retired key is gone from the key set: its tokens no longer pass
        given().auth().oauth2(TestTokens.user("old-key-again").roles("patient").sign())
                .get("/api/v1/threads/" + Tokens.marker()).then().statusCode(401);
        // nor does the old-key token verified (and cached) before the rotation, once its cache entry's ttl (2 s here,
        // 30 s by default) has passed
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(oldKeyToken).get("/api/v1/threads/" + Tokens.marker()).then().statusCode(401));
    }

    private static String signedWithRotatedKey(String username) throws Exception {
        byte[] der = Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("careline.test.rotated-key", String.class));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return Jwt.issuer(TestTokens.ISSUER).subject("sub-" + username).audience(TestTokens.AUDIENCE)
                .claim("realm_access", Map.of("roles", java.util.List.of("patient"))).expiresIn(300)
                .jws().keyId(JwksResource.ROTATED_KID).sign(key);
    }

    private static int fetches() {
        return Integer.parseInt(given().baseUri(jwksBase()).get("/__fetches").asString());
    }

    private static String jwksBase() {
        return ConfigProvider.getConfig().getValue("careline.test.jwks", String.class);
    }
}
