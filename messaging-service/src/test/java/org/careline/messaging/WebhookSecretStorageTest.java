package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.careline.messaging.webhook.SecretResealer;
import org.careline.messaging.webhook.WebhookSignature;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing secrets are stored encrypted; a plain row from before is re-encrypted and still signs deliveries. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class WebhookSecretStorageTest {

    @Inject
    SecretResealer resealer;
    @Inject
    Vertx vertx;

    @Test
    void secretsAreEncryptedAtRestAndALegacyPlainOneIsResealedAndStillSigns() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String team = "secret-lab-" + UUID.randomUUID().toString().substring(0, 8);
            JsonPath subscription = given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON)
                    .body("{\"ownerClient\":\"careline-ehr\",\"targetUrl\":\"" + receiver.url()
                            + "\",\"eventTypes\":[\"thread.opened\"],\"careTeam\":\"" + team + "\"}")
                    .post(WebhookDeliveryTest.SUBSCRIPTIONS).then().statusCode(201).extract().jsonPath();
            String id = subscription.getString("id");
            String plain = subscription.getString("secret");
            try {
                String[] stored = stored(id);
                assertEquals("test-2", stored[1], "encrypted with the active key");
                assertTrue(stored[0].startsWith("v1:"), "stored as ciphertext");
                assertFalse(stored[0].contains(plain.substring("whsec_".length())), "never the plain secret");

                // a row written before encryption: plain text, no key id
                execute("update webhook_secret set secret = ?, key_id = null where subscription_id = ?", plain, id);
                int resealed = onContext(resealer::reseal);
                assertTrue(resealed >= 1, "the legacy row is re-encrypted");
                String[] after = stored(id);
                assertEquals("test-2", after[1]);
                assertFalse(after[0].contains(plain.substring("whsec_".length())));

                String patient = Actors.patient("patient-" + team, "P-" + team, team);
                Actors.openThread(patient, """
                        {"subject":"Question","body":"When is the lab open?","topic":"OTHER","careTeam":"%s"}"""
                        .formatted(team));
                await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.delivered().isEmpty());
                WebhookReceiver.Received request = receiver.delivered().get(0);
                assertTrue(WebhookSignature.verify(plain, request.id(), request.timestamp(), request.body(),
                        request.signature()), "the decrypted secret signs the delivery");
            } finally {
                given().auth().oauth2(Actors.ADMIN).delete(WebhookDeliveryTest.SUBSCRIPTIONS + "/{id}", id);
            }
        }
    }

    private static String[] stored(String subscriptionId) throws SQLException {
        try (var c = TestDatabase.connect();
             var s = c.prepareStatement("select secret, key_id from webhook_secret where subscription_id = ?")) {
            s.setObject(1, UUID.fromString(subscriptionId));
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next());
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static void execute(String sql, String secret, String subscriptionId) throws SQLException {
        try (var c = TestDatabase.connect(); var s = c.prepareStatement(sql)) {
            s.setString(1, secret);
            s.setObject(2, UUID.fromString(subscriptionId));
            assertEquals(1, s.executeUpdate());
        }
    }

    /** Runs a service call on a Vert.x duplicated context, as a scheduled job would. */
    private <T> T onContext(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(30, TimeUnit.SECONDS);
    }
}
