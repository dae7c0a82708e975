package org.careline.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signed bearer tokens shaped like the careline realm's access tokens (realm roles, {@code patient_id},
 * {@code care_team}, {@code credential}, {@code groups}, audience {@code careline-api}), for tests.
 */
public final class TestTokens {

    public static final String ISSUER = "https://careline.test/realms/careline";
    public static final String AUDIENCE = "careline-api";

    private TestTokens() {
    }

    public static String patient(String username, String patientId, String careTeam) {
        return user(username).roles("patient").claim("patient_id", patientId).claim("care_team", careTeam).sign();
    }

    public static String clinician(String username, String credential, String... groups) {
        return user(username).roles("clinician").claim("credential", credential).groups(groups).sign();
    }

    public static Builder user(String username) {
        return new Builder(username);
    }

    /** The public key matching the signing key, base64 DER, as {@code quarkus.oidc.public-key} wants it. */
    public static String publicKeyBase64() {
        return pemBody(read("careline-test-keys/public-key.pem"));
    }

    /** A token under construction; {@link #sign()} ends it. */
    public static final class Builder {
        private final JwtClaimsBuilder claims;

        private Builder(String username) {
            this.claims = Jwt.issuer(ISSUER)
                    .subject("sub-" + username)
                    .claim("preferred_username", username)
                    .claim("azp", "careline-web")
                    .audience(AUDIENCE)
                    .expiresIn(300);
        }

        public Builder roles(String... roles) {
            claims.claim("realm_access", Map.of("roles", List.of(roles)));
            return this;
        }

        public Builder groups(String... groups) {
            claims.claim("groups", List.of(groups));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder expiresAt(long epochSeconds) {
            claims.expiresAt(epochSeconds);
            return this;
        }

        public String sign() {
            return claims.jws().keyId("careline-test").sign(privateKey());
        }
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody(read("careline-test-keys/private-key.pem")));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test signing key", e);
        }
    }

    private static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String read(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
