package org.careline.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.careline.testsupport.TestTokens;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS endpoint on a free 127.0.0.1 port, in place of Keycloak's: at first it publishes the test key
 * ({@code kid careline-test}, the key {@link TestTokens} signs with); after {@code POST /__rotate} it publishes only a
 * new key ({@code kid careline-test-2}), as an identity provider that rotated and retired the old key would.
 * {@code GET /__fetches} counts JWKS downloads. The new private key reaches the test through configuration
 * ({@code careline.test.rotated-key}), because test resources and tests may live in different class loaders.
 */
public class JwksResource implements QuarkusTestResourceLifecycleManager {

    static final String ROTATED_KID = "careline-test-2";
    static final String JWKS_PATH = "/realms/careline/protocol/openid-connect/certs";

    private final AtomicBoolean rotated = new AtomicBoolean();
    private final AtomicInteger fetches = new AtomicInteger();
    private Vertx vertx;
    private JsonObject original;
    private JsonObject next;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair rotatedPair = generator.generateKeyPair();
            RSAPublicKey testKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(TestTokens.publicKeyBase64())));
            original = jwk("careline-test", testKey);
            next = jwk(ROTATED_KID, (RSAPublicKey) rotatedPair.getPublic());
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::handle);
            int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            return Map.of(
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + port + "/realms/careline",
                    "quarkus.oidc.discovery-enabled", "false",
                    "quarkus.oidc.jwks-path", "protocol/openid-connect/certs",
                    "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                    "quarkus.oidc.token.forced-jwk-refresh-interval", "1s",
                    "careline.gateway.token-cache.ttl", "2s",
                    "careline.test.jwks", "http://127.0.0.1:" + port,
                    "careline.test.rotated-key", Base64.getEncoder().encodeToString(rotatedPair.getPrivate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("JWKS endpoint did not start", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case JWKS_PATH -> {
                fetches.incrementAndGet();
                JsonObject key = rotated.get() ? next : original;
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("keys", new JsonArray().add(key)).encode());
            }
            case "/__rotate" -> {
                rotated.set(true);
                request.response().setStatusCode(204).end();
            }
            case "/__fetches" -> request.response().end(Integer.toString(fetches.get()));
            default -> request.response().setStatusCode(404).end();
        }
    }

    private static JsonObject jwk(String kid, RSAPublicKey key) {
        return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                .put("n", base64Url(key.getModulus())).put("e", base64Url(key.getPublicExponent()));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
