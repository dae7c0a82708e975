package org.careline.messaging;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.WebhookReceiver.Answer;
import org.careline.messaging.WebhookReceiver.Received;
import org.careline.messaging.webhook.WebhookSignature;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks end to end: a thread change queues deliveries in its transaction, the dispatcher sends them
 * signed to a real HTTP receiver on 127.0.0.1 that fails, hangs, goes down, and recovers.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class WebhookDeliveryTest {

    static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = validator();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        created.forEach(id -> given().auth().oauth2(Actors.ADMIN).delete(SUBSCRIPTIONS + "/{id}", id));
    }

    @Test
    void aReceiverThatFailsAndHangsThenRecoversGetsEveryEventOnceSignedAndValid() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.script(Answer.FAIL, Answer.FAIL, Answer.HANG);
            String team = team();
            JsonPath subscription = subscribe(receiver.url(), team, "thread.opened", "message.posted");
            String id = subscription.getString("id");
            String secret = subscription.getString("secret");
            String patient = Actors.patient("patient-" + team, "P-" + team, team);
            String threadId = Actors.openThread(patient, """
                    {"subject":"Inhaler refill","body":"Could you refill my albuterol inhaler?","topic":"MEDICATION","careTeam":"%s"}"""
                    .formatted(team));
            JsonPath replied = Actors.reply(Actors.clinician("dr." + team, "MD", "/care-teams/" + team + "/physicians"),
                    threadId, "{\"body\":\"Sent to your pharmacy.\"}").then().statusCode(201).extract().jsonPath();
            String firstId = replied.getString("messages[0].id");
            String replyId = replied.getString("messages[1].id");
            // another team's thread is not this subscription's business: nothing is queued for it
            Actors.openThread(Actors.PATIENT1, Actors.NEW_THREAD);
            assertEquals(3, deliveries(id, null).getList("items").size());

            await().atMost(PATIENCE).until(() -> deliveries(id, "DELIVERED").getList("items").size() == 3);

            List<Received> all = receiver.received();
            Map<String, Received> delivered = receiver.delivered().stream()
                    .collect(Collectors.toMap(Received::id, Function.identity()));
            assertEquals(3, receiver.delivered().size(), "each event accepted exactly once");
            assertTrue(all.size() >= 6, "three failed attempts (500, 500, timeout) before the three successes");
            for (Received request : all) {
                assertTrue(delivered.containsKey(request.id()), "a failed attempt is retried with the same webhook-id");
                assertEquals(delivered.get(request.id()).body(), request.body(), "a retry sends the same body");
                assertTrue(WebhookSignature.verify(secret, request.id(), request.timestamp(), request.body(),
                        request.signature()), "signed with the subscription's secret");
                assertTrue(Math.abs(Instant.now().getEpochSecond() - request.timestamp()) < 300);
            }

            Map<String, JsonObject> byResource = delivered.values().stream().map(Received::json)
                    .collect(Collectors.toMap(b -> b.getString("type") + ":" + b.getJsonObject("data").getString("id"),
                            Function.identity()));
            JsonObject opened = byResource.get("thread.opened:" + threadId).getJsonObject("data");
            assertEquals("Communication", opened.getString("resourceType"));
            assertEquals("Patient/P-" + team, opened.getJsonObject("subject").getString("reference"));
            assertEquals("Inhaler refill", opened.getJsonObject("topic").getString("text"));
            JsonObject first = byResource.get("message.posted:" + firstId).getJsonObject("data");
            JsonObject reply = byResource.get("message.posted:" + replyId).getJsonObject("data");
            assertEquals("Could you refill my albuterol inhaler?",
                    first.getJsonArray("payload").getJsonObject(0).getString("contentString"));
            assertEquals("Sent to your pharmacy.", reply.getJsonArray("payload").getJsonObject(0).getString("contentString"));
            assertEquals("Communication/" + threadId, reply.getJsonArray("partOf").getJsonObject(0).getString("reference"));
            assertEquals("Communication/" + firstId,
                    reply.getJsonArray("inResponseTo").getJsonObject(0).getString("reference"));
            assertEquals("Practitioner", reply.getJsonObject("sender").getString("type"));
            byResource.values().forEach(body -> assertValidFhir(body.getJsonObject("data").encode()));

            // the delivery list is metadata: no text; retried deliveries show their attempts
            String listing = deliveries(id, null).prettify();
            assertFalse(listing.contains("albuterol") || listing.contains("pharmacy"), "no message text in the API");
            int attempts = deliveries(id, null).<Integer>getList("items.attempts").stream().mapToInt(i -> i).sum();
            assertEquals(all.size(), attempts);

            // every delivery of PHI is audited as a disclosure to the EHR client; the failed attempts that reached it too
            List<AccessRecorded> exports = exports(replyId);
            assertTrue(exports.stream().anyMatch(r -> r.outcome() == AuditOutcome.SUCCESS
                    && "careline-ehr".equals(r.clientId()) && ("P-" + team).equals(r.patientId())));
            long failedAudits = List.of(threadId, firstId, replyId).stream().flatMap(r -> exports(r).stream())
                    .filter(r -> r.outcome() == AuditOutcome.FAILED).count();
            assertEquals(all.size() - 3, failedAudits, "500s and the timeout reached the receiver: audited as FAILED");
        }
    }

    @Test
    void aReceiverThatIsDownLosesNothing() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String team = team();
            String id = subscribe(receiver.url(), team, "message.posted").getString("id");
            receiver.down();
            String patient = Actors.patient("patient-" + team, "P-" + team, team);
            Actors.openThread(patient, "{\"subject\":\"Rash\",\"body\":\"A rash since Monday.\",\"topic\":\"CLINICAL_QUESTION\",\"careTeam\":\""
                    + team + "\"}");
            await().atMost(PATIENCE).until(() -> deliveries(id, "PENDING").getInt("items[0].attempts") >= 2);
            JsonPath pending = deliveries(id, "PENDING");
            assertEquals("connection-failed", pending.getString("items[0].lastError"));
            String messageId = pending.getString("items[0].messageId");

            receiver.up();
            await().atMost(PATIENCE).until(() -> receiver.delivered().size() == 1);
            await().atMost(PATIENCE).until(() -> deliveries(id, "DELIVERED").getList("items").size() == 1);
            assertEquals(pending.getString("items[0].id"), receiver.delivered().get(0).id());
            assertEquals("A rash since Monday.", receiver.delivered().get(0).json().getJsonObject("data")
                    .getJsonArray("payload").getJsonObject(0).getString("contentString"));
            // refused connections disclosed nothing: only the successful delivery is audited
            await().atMost(PATIENCE).until(() -> !exports(messageId).isEmpty());
            assertEquals(List.of(AuditOutcome.SUCCESS), exports(messageId).stream().map(AccessRecorded::outcome).toList());
        }
    }

    @Test
    void duringARotationEachDeliveryCarriesBothSignaturesAndAfterItOnlyTheNewOne() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String team = team();
            JsonPath subscription = subscribe(receiver.url(), team, "message.posted");
            String id = subscription.getString("id");
            String oldSecret = subscription.getString("secret");
            JsonPath rotated = given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON)
                    .body("{\"expireCurrentAfter\":\"PT1H\"}").post(SUBSCRIPTIONS + "/{id}/secrets", id)
                    .then().statusCode(201).body("secrets.size()", equalTo(2)).extract().jsonPath();
            String newSecret = rotated.getString("secret");
            assertFalse(newSecret.equals(oldSecret));
            String patient = Actors.patient("patient-" + team, "P-" + team, team);
            String threadId = Actors.openThread(patient, "{\"subject\":\"Refill\",\"body\":\"Refill please.\","
                    + "\"topic\":\"MEDICATION\",\"careTeam\":\"" + team + "\"}");
            await().atMost(PATIENCE).until(() -> receiver.delivered().size() == 1);
            Received during = receiver.delivered().get(0);
            assertEquals(2, during.signature().split(" ").length);
            assertTrue(WebhookSignature.verify(oldSecret, during.id(), during.timestamp(), during.body(), during.signature()));
            assertTrue(WebhookSignature.verify(newSecret, during.id(), during.timestamp(), during.body(), during.signature()));

            // retire the old secrets now: the next delivery verifies with the newest secret only
            String newest = given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON)
                    .body("{\"expireCurrentAfter\":\"PT0S\"}").post(SUBSCRIPTIONS + "/{id}/secrets", id)
                    .then().statusCode(201).body("secrets.size()", equalTo(1)).extract().path("secret");
            Actors.reply(patient, threadId, "{\"body\":\"Any news?\"}").then().statusCode(201);
            await().atMost(PATIENCE).until(() -> receiver.delivered().size() == 2);
            Received after = receiver.delivered().get(1);
            assertEquals(1, after.signature().split(" ").length);
            assertTrue(WebhookSignature.verify(newest, after.id(), after.timestamp(), after.body(), after.signature()));
            assertFalse(WebhookSignature.verify(oldSecret, after.id(), after.timestamp(), after.body(), after.signature()));
            assertFalse(WebhookSignature.verify(newSecret, after.id(), after.timestamp(), after.body(), after.signature()));
            assertTrue(TestDatabase.auditedAccesses("WebhookSubscription/" + id).stream()
                    .filter(r -> r.action() == AuditAction.UPDATE).count() >= 2, "each rotation is audited");
        }
    }

    @Test
    void afterMaxAttemptsADeliveryIsDeadAndAReplayDeliversItWithTheSameId() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.otherwise(Answer.FAIL);
            String team = team();
            String id = subscribe(receiver.url(), team, "message.posted").getString("id");
            String patient = Actors.patient("patient-" + team, "P-" + team, team);
            String threadId = Actors.openThread(patient, "{\"subject\":\"Forms\",\"body\":\"School form.\","
                    + "\"topic\":\"PAPERWORK\",\"careTeam\":\"" + team + "\"}");
            Actors.reply(patient, threadId, "{\"body\":\"Also a sports form.\"}").then().statusCode(201);

            await().atMost(PATIENCE).until(() -> deliveries(id, "DEAD").getList("items").size() == 2);
            JsonPath dead = deliveries(id, "DEAD");
            assertEquals(List.of(5, 5), dead.getList("items.attempts"), "max-attempts is 5 in tests");
            assertEquals(List.of("http-500", "http-500"), dead.getList("items.lastError"));
            assertEquals(List.of(500, 500), dead.getList("items.lastStatus"));
            assertEquals(10, receiver.received().size());
            assertEquals(0, deliveries(id, "PENDING").getList("items").size());

            receiver.otherwise(Answer.OK);
            String one = dead.getString("items[0].id");
            given().auth().oauth2(Actors.ADMIN).post(SUBSCRIPTIONS + "/{id}/deliveries/{d}/replay", id, one)
                    .then().statusCode(202).body("state", equalTo("PENDING")).body("attempts", equalTo(0));
            await().atMost(PATIENCE).until(() -> receiver.delivered().size() == 1);
            assertEquals(one, receiver.delivered().get(0).id());
            await().atMost(PATIENCE).until(() -> deliveries(id, "DELIVERED").getList("items").size() == 1);
            given().auth().oauth2(Actors.ADMIN).post(SUBSCRIPTIONS + "/{id}/deliveries/{d}/replay", id, one)
                    .then().statusCode(409).contentType("application/problem+json");

            given().auth().oauth2(Actors.ADMIN).post(SUBSCRIPTIONS + "/{id}/deliveries/replay", id)
                    .then().statusCode(202).body("replayed", equalTo(1));
            await().atMost(PATIENCE).until(() -> receiver.delivered().size() == 2);
            assertEquals(dead.getString("items[1].id"), receiver.delivered().get(1).id());
            Set<String> ids = receiver.received().stream().map(Received::id).collect(Collectors.toSet());
            assertEquals(2, ids.size(), "every attempt and replay of an event carries its one webhook-id");
        }
    }

    @Test
    void aPausedSubscriptionQueuesAndSendsOnceResumed() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String team = team();
            String id = subscribe(receiver.url(), team, "message.posted").getString("id");
            String update = "{\"targetUrl\":\"" + receiver.url() + "\",\"eventTypes\":[\"message.posted\"],\"careTeam\":\""
                    + team + "\",\"status\":\"%s\"}";
            given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON).body(update.formatted("PAUSED"))
                    .put(SUBSCRIPTIONS + "/{id}", id).then().statusCode(200).body("status", equalTo("PAUSED"));
            String patient = Actors.patient("patient-" + team, "P-" + team, team);
            Actors.openThread(patient, "{\"subject\":\"Bill\",\"body\":\"Question on my bill.\",\"topic\":\"BILLING\","
                    + "\"careTeam\":\"" + team + "\"}");
            assertEquals(0, deliveries(id, "PENDING").getInt("items[0].attempts"));

            given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON).body(update.formatted("ACTIVE"))
                    .put(SUBSCRIPTIONS + "/{id}", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
            await().atMost(PATIENCE).until(() -> deliveries(id, "DELIVERED").getList("items").size() == 1);
            assertEquals(1, receiver.delivered().size());
        }
    }

    private JsonPath subscribe(String url, String team, String... events) {
        String types = Set.of(events).stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(","));
        JsonPath subscription = given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON)
                .body("{\"ownerClient\":\"careline-ehr\",\"targetUrl\":\"" + url + "\",\"eventTypes\":[" + types
                        + "],\"careTeam\":\"" + team + "\"}")
                .post(SUBSCRIPTIONS).then().statusCode(201).extract().jsonPath();
        created.add(subscription.getString("id"));
        return subscription;
    }

    static JsonPath deliveries(String subscriptionId, String state) {
        var request = given().auth().oauth2(Actors.ADMIN);
        if (state != null) {
            request = request.queryParam("state", state);
        }
        return request.get(SUBSCRIPTIONS + "/{id}/deliveries", subscriptionId).then().statusCode(200).extract().jsonPath();
    }

    private static List<AccessRecorded> exports(String resourceId) {
        return TestDatabase.auditedAccesses("Communication/" + resourceId).stream()
                .filter(r -> r.action() == AuditAction.EXPORT).toList();
    }

    private static String team() {
        return "webhook-lab-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertValidFhir(String json) {
        List<SingleValidationMessage> errors = VALIDATOR.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
        assertTrue(errors.isEmpty(), () -> "invalid FHIR: " + errors.stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList());
    }

    private static FhirValidator validator() {
        ValidationSupportChain chain = new ValidationSupportChain(FHIR.getValidationSupport(),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        return validator;
    }
}
