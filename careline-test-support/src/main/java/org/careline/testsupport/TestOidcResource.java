package org.careline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Makes the service under test verify bearer tokens with the test public key instead of asking
 * Keycloak, so tests send real signed tokens ({@link TestTokens}) through the real OIDC extension.
 */
public class TestOidcResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
