package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.careline.events.EventType;
import org.careline.events.ProxyGrantChanged;
import org.careline.events.Topics;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.FRONT_DESK;
import static org.careline.messaging.Actors.openThread;
import static org.careline.messaging.Actors.reply;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proxy grants through their API, and what a caregiver may do under each scope, until revoked. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ProxyGrantResourceTest {

    @Test
    void aCaregiversAccessFollowsTheGrantsScopeUntilItIsRevoked() {
        String patient = Actors.patient("patient-proxy-1", "P-PX1", "family-medicine");
        String caregiver = Actors.caregiver("cg-proxy-1");
        String threadId = openThread(patient, Actors.NEW_THREAD);
        given().auth().oauth2(caregiver).get("/api/v1/threads/{id}", threadId).then().statusCode(404);

        String grantId = Actors.grant("cg-proxy-1", "P-PX1", "READ");
        given().auth().oauth2(caregiver).get("/api/v1/threads/{id}", threadId).then().statusCode(200);
        reply(caregiver, threadId, "{\"body\":\"Any update?\"}").then().statusCode(403);
        Actors.open(caregiver, "{\"subject\":\"Hi\",\"body\":\"For my mother\",\"topic\":\"OTHER\",\"patientId\":\"P-PX1\"}")
                .then().statusCode(403);

        given().auth().oauth2(FRONT_DESK).contentType(ContentType.JSON)
                .body(grantBody("cg-proxy-1", "P-PX1", "READ_WRITE", Instant.now().plus(10, ChronoUnit.DAYS)))
                .put("/api/v1/proxy-grants/{id}", grantId).then().statusCode(200).body("scope", equalTo("READ_WRITE"));
        reply(caregiver, threadId, "{\"body\":\"Any update?\"}").then().statusCode(201)
                .body("messages[1].authorRole", equalTo("CAREGIVER"))
                .body("status", equalTo("AWAITING_CARE_TEAM"));
        Actors.open(caregiver, "{\"subject\":\"Hi\",\"body\":\"For my mother\",\"topic\":\"OTHER\",\"patientId\":\"P-PX1\"}")
                .then().statusCode(201).body("patientInitiated", equalTo(true)).body("patientId", equalTo("P-PX1"));
        given().auth().oauth2(caregiver).get("/api/v1/proxy-grants").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].active", equalTo(true));

        given().auth().oauth2(FRONT_DESK).delete("/api/v1/proxy-grants/{id}", grantId).then().statusCode(200)
                .body("revokedAt", notNullValue()).body("active", equalTo(false));
        given().auth().oauth2(caregiver).get("/api/v1/threads/{id}", threadId).then().statusCode(404);
        given().auth().oauth2(FRONT_DESK).contentType(ContentType.JSON)
                .body(grantBody("cg-proxy-1", "P-PX1", "READ", Instant.now().plus(10, ChronoUnit.DAYS)))
                .put("/api/v1/proxy-grants/{id}", grantId).then().statusCode(409);
        given().auth().oauth2(FRONT_DESK).delete("/api/v1/proxy-grants/{id}", grantId).then().statusCode(200);

        // create, update and revoke each announced once; the refused update and the second revoke not at all
        List<ProxyGrantChanged> changes = OutboxEvents.data(EventType.PROXY_GRANT_CHANGED, grantId,
                ProxyGrantChanged.class);
        assertEquals(List.of("READ", "READ_WRITE", "READ_WRITE"), changes.stream().map(ProxyGrantChanged::scope).toList());
        assertTrue(changes.stream().allMatch(c -> c.grantId().equals(grantId) && c.caregiver().equals("cg-proxy-1")
                && c.patientId().equals("P-PX1") && c.expiresAt() != null));
        assertNull(changes.get(0).revokedAt());
        assertNull(changes.get(1).revokedAt());
        assertNotNull(changes.get(2).revokedAt());
        assertEquals(changes.get(2).revokedAt(), changes.get(2).changedAt());
        assertTrue(changes.get(0).changedAt().isBefore(changes.get(2).changedAt())
                || changes.get(0).changedAt().equals(changes.get(2).changedAt()));
        assertEquals(List.of(Topics.MESSAGING_GRANTS + "|P-PX1", Topics.MESSAGING_GRANTS + "|P-PX1",
                Topics.MESSAGING_GRANTS + "|P-PX1"), OutboxEvents.routing(EventType.PROXY_GRANT_CHANGED, grantId));
    }

    @Test
    void staffListGrantsByPatientPageByPage() {
        for (int i = 0; i < 3; i++) {
            Actors.grant("cg-proxy-list-" + i, "P-PX2", "READ");
        }
        String next = given().auth().oauth2(FRONT_DESK).queryParam("patientId", "P-PX2").queryParam("limit", 2)
                .get("/api/v1/proxy-grants").then().statusCode(200)
                .body("items", hasSize(2)).body("items.patientId", everyItem(equalTo("P-PX2")))
                .extract().path("nextCursor");
        given().auth().oauth2(FRONT_DESK).queryParam("patientId", "P-PX2").queryParam("cursor", next)
                .get("/api/v1/proxy-grants").then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void theCaregiverAndPatientOfAGrantCannotChange() {
        String grantId = Actors.grant("cg-proxy-3", "P-PX3", "READ");
        given().auth().oauth2(FRONT_DESK).contentType(ContentType.JSON)
                .body(grantBody("cg-proxy-3", "P-OTHER", "READ", Instant.now().plus(1, ChronoUnit.DAYS)))
                .put("/api/v1/proxy-grants/{id}", grantId).then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"caregiver\":\"cg\",\"patientId\":\"P-1\",\"scope\":\"WRITE\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
            "{\"caregiver\":\"cg\",\"patientId\":\"P-1\",\"scope\":\"READ\",\"expiresAt\":\"tomorrow\"}",
            "{\"caregiver\":\"cg\",\"patientId\":\"P-1\",\"scope\":\"READ\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
            "{\"caregiver\":\"cg\",\"patientId\":\"P-1\",\"scope\":\"READ\"}",
            "{\"caregiver\":\"\",\"patientId\":\"P-1\",\"scope\":\"READ\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
            "{\"caregiver\":\"cg\",\"patientId\":\"P 1\",\"scope\":\"READ\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
            "{\"caregiver\":\"cg\",",
            "[]"})
    void badGrantsAre400Problems(String body) {
        var response = given().auth().oauth2(FRONT_DESK).contentType(ContentType.JSON).body(body)
                .post("/api/v1/proxy-grants");
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("application/problem+json", response.contentType().split(";")[0]);
    }

    @Test
    void aMissingGrantIs404() {
        given().auth().oauth2(FRONT_DESK).get("/api/v1/proxy-grants/{id}", "8f1e2d3c-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(FRONT_DESK).get("/api/v1/proxy-grants/{id}", "nope").then().statusCode(404);
    }

    private static String grantBody(String caregiver, String patientId, String scope, Instant expiresAt) {
        return "{\"caregiver\":\"" + caregiver + "\",\"patientId\":\"" + patientId + "\",\"scope\":\"" + scope
                + "\",\"expiresAt\":\"" + expiresAt + "\"}";
    }
}
