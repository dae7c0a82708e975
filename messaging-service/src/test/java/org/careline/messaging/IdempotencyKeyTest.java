package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.careline.events.EventType;
import org.careline.messaging.service.IdempotentRequests;
import org.careline.messaging.service.SafeContext;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Idempotency-Key on {@code POST /api/v1/threads} and {@code POST /api/v1/threads/{id}/messages}, on the real
 * embedded PostgreSQL and Kafka: a retry gets the first answer and creates nothing (one thread, one MessagePosted in
 * the outbox), another body with the same key is 422, a key in flight is 409, keys are per caller, a failed
 * request frees its key, an abandoned claim is taken over, and expired keys are deleted.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class IdempotencyKeyTest {

    private static final String THREAD = """
            {"subject":"Idempotent refill","body":"Please refill my inhaler, sent once.","topic":"MEDICATION"}""";

    @Inject
    IdempotentRequests requests;

    @Inject
    SafeContext context;

    @Test
    void aRetryWithTheSameKeyGetsTheSameAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String subject = "Once only " + key.substring(0, 8);
        String request = THREAD.replace("Idempotent refill", subject);
        Response first = open(Actors.PATIENT1, key, request);
        first.then().statusCode(201);
        String id = first.path("id");

        Response retry = open(Actors.PATIENT1, key, "{ \"topic\": \"MEDICATION\", \"subject\":\"" + subject + "\","
                + " \"body\":\"Please refill my inhaler, sent once.\" }");   // same request, other formatting
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.asString(), retry.asString(), "the same body");

        // the structured-field form of the same key is the same key
        open(Actors.PATIENT1, "\"" + key + "\"", request).then().statusCode(201).body("id", equalTo(id));

        assertEquals(1, threadsWithSubjectOf(subject, "patient1"));
        assertEquals(1, OutboxEvents.raw(EventType.MESSAGE_POSTED, id).size(), "one MessagePosted");
        assertEquals(1, OutboxEvents.raw(EventType.THREAD_OPENED, id).size(), "one ThreadOpened");
    }

    @Test
    void theSameKeyWithAnotherRequestIs422() {
        String key = UUID.randomUUID().toString();
        open(Actors.PATIENT1, key, THREAD.replace("Idempotent refill", "First of two")).then().statusCode(201);
        open(Actors.PATIENT1, key, THREAD.replace("Idempotent refill", "Second of two")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/idempotency-key-reused"))
                .body("status", equalTo(422));
        assertEquals(0, threadsWithSubjectOf("Second of two", "patient1"));
    }

    @Test
    void differentCallersWithTheSameKeyDoNotCollide() {
        String key = "shared-key-" + UUID.randomUUID();
        String mine = open(Actors.PATIENT1, key, THREAD.replace("Idempotent refill", "Mine")).then().statusCode(201)
                .extract().path("id");
        Response theirs = open(Actors.PATIENT2, key, THREAD.replace("Idempotent refill", "Mine"));
        theirs.then().statusCode(201).body("patientId", equalTo("P-1002"));
        assertNotEquals(mine, theirs.path("id"));
        assertNull(theirs.header("Idempotent-Replayed"));
    }

    @Test
    void aKeyStillInFlightIs409AndAnAbandonedClaimIsTakenOver() {
        String key = UUID.randomUUID().toString();
        // the state a request leaves while it is being processed: claimed, no answer yet, lease running
        claim(key, Instant.now().plus(Duration.ofMinutes(1)));
        open(Actors.PATIENT1, key, THREAD).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/idempotency-key-in-flight"));

        // its process died before committing: once the lease has run out, the retry goes ahead, once
        String abandoned = UUID.randomUUID().toString();
        claim(abandoned, Instant.now().minus(Duration.ofSeconds(1)));
        String id = open(Actors.PATIENT1, abandoned, THREAD).then().statusCode(201).extract().path("id");
        open(Actors.PATIENT1, abandoned, THREAD).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
    }

    @Test
    void aFailedRequestFreesItsKey() {
        String key = UUID.randomUUID().toString();
        String thread = Actors.openThread(Actors.PATIENT1, THREAD);
        // a patient may not log time: 400, and the key stays free for the corrected request
        reply(Actors.PATIENT1, key, thread, "{\"body\":\"Thanks\",\"timeSpentMinutes\":5}").then().statusCode(400);
        reply(Actors.PATIENT1, key, thread, "{\"body\":\"Thanks\",\"timeSpentMinutes\":5}").then().statusCode(400);
        assertEquals(0, keysOf(key));
    }

    @Test
    void aReplyRetriedWithItsKeyIsPostedOnce() {
        String thread = Actors.openThread(Actors.PATIENT1, THREAD);
        String key = UUID.randomUUID().toString();
        String body = "{\"body\":\"It is the blue one.\"}";
        Response first = reply(Actors.PATIENT1, key, thread, body);
        first.then().statusCode(201).body("messages", hasSize(2));
        Response retry = reply(Actors.PATIENT1, key, thread, body);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").body("messages", hasSize(2));
        assertEquals(first.asString(), retry.asString());
        given().auth().oauth2(Actors.PATIENT1).get("/api/v1/threads/{id}", thread).then().body("messages", hasSize(2));
        assertEquals(2, OutboxEvents.raw(EventType.MESSAGE_POSTED, thread).size(), "the first message and one reply");

        // the same key on another thread is another request
        String other = Actors.openThread(Actors.PATIENT1, THREAD);
        reply(Actors.PATIENT1, key, other, body).then().statusCode(422);
    }

    @Test
    void malformedKeysAre400() {
        for (String key : new String[] {"\"\"", "a".repeat(256), "key with spaces", "tab\there"}) {
            given().auth().oauth2(Actors.PATIENT1).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(THREAD).post("/api/v1/threads")
                    .then().statusCode(400).contentType("application/problem+json").body("detail",
                            equalTo("The Idempotency-Key header must be 1 to 255 visible ASCII characters."));
        }
    }

    @Test
    void expiredKeysAreDeletedAndAnExpiredKeyIsANewOne() throws Exception {
        String key = UUID.randomUUID().toString();
        String id = open(Actors.PATIENT1, key, THREAD).then().statusCode(201).extract().path("id");
        TestDatabase.execute("update idempotency_key set expires_at = ? where idem_key = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), key);
        // expired: the same key now opens a new thread
        String again = open(Actors.PATIENT1, key, THREAD).then().statusCode(201).extract().path("id");
        assertNotEquals(id, again);

        TestDatabase.execute("update idempotency_key set expires_at = ? where idem_key = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), key);
        int deleted = context.run(requests::deleteExpired).await().atMost(Duration.ofSeconds(30));
        assertEquals(true, deleted >= 1);
        assertEquals(0, keysOf(key));
    }

    private static Response open(String token, String key, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/threads");
    }

    private static Response reply(String token, String key, String thread, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/threads/{id}/messages", thread);
    }

    /** A claim as a request in flight leaves it (patient1's caller id is the token subject). */
    private static void claim(String key, Instant lockedUntil) {
        String fingerprint = fingerprintOf(key);
        TestDatabase.execute("insert into idempotency_key (caller_id, idem_key, fingerprint, locked_until, created_at,"
                        + " expires_at) values (?, ?, ?, ?, ?, ?)", callerOf("patient1"), key, fingerprint,
                Timestamp.from(lockedUntil), Timestamp.from(Instant.now()), Timestamp.from(Instant.now().plusSeconds(3600)));
    }

    /** The fingerprint the service computes for THREAD (read back from a key it stored for the same request). */
    private static String fingerprintOf(String key) {
        String probe = "probe-" + key;
        open(Actors.PATIENT1, probe, THREAD).then().statusCode(201);
        return single("select fingerprint from idempotency_key where idem_key = ?", probe);
    }

    private static String callerOf(String username) {
        return single("select created_by from message_thread where created_by like ? limit 1", "%" + username);
    }

    private static long threadsWithSubjectOf(String subject, String username) {
        return Long.parseLong(single("select count(*) from message_thread where subject = ? and created_by like ?",
                subject, "%" + username));
    }

    private static long keysOf(String key) {
        return Long.parseLong(single("select count(*) from idempotency_key where idem_key = ?", key));
    }

    private static String single(String sql, String... params) {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
