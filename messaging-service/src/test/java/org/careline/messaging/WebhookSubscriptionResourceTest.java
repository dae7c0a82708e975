package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscription API: who may manage what, bad input as problem+json, audit of every change. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class WebhookSubscriptionResourceTest {

    private static final String PATH = WebhookDeliveryTest.SUBSCRIPTIONS;
    static final String EHR = integration("careline-ehr");
    private static final String OTHER_EHR = integration("other-ehr");
    // a care team no thread uses, so that these subscriptions never get deliveries from other tests
    private static final String BODY = "{\"targetUrl\":\"https://ehr.example.org/hooks\",\"eventTypes\":[\"message.posted\"],"
            + "\"careTeam\":\"no-such-team\"}";
    private final List<String> created = new ArrayList<>();

    static String integration(String client) {
        return Actors.user("service-account-" + client).roles("integration").claim("azp", client).sign();
    }

    @AfterEach
    void cleanUp() {
        created.forEach(id -> given().auth().oauth2(Actors.ADMIN).delete(PATH + "/{id}", id));
    }

    @Test
    void anIntegrationClientManagesItsOwnSubscriptionsAndNobodyElses() {
        Response response = create(EHR, BODY);
        response.then().statusCode(201).header("Location", endsWith(PATH + "/" + response.path("id")))
                .body("ownerClient", equalTo("careline-ehr"))
                .body("status", equalTo("ACTIVE"))
                .body("eventTypes", equalTo(List.of("message.posted")))
                .body("secret", startsWith("whsec_"))
                .body("secrets.size()", equalTo(1));
        String id = response.path("id");

        given().auth().oauth2(EHR).get(PATH + "/{id}", id).then().statusCode(200)
                .body("secret", nullValue()).body("secrets[0].id", notNullValue());
        given().auth().oauth2(EHR).get(PATH).then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(Actors.ADMIN).get(PATH).then().statusCode(200).body("items.id", hasItem(id));

        // another EHR client: the subscription does not exist for it (404 like a missing one), audited as DENIED
        String missing = given().auth().oauth2(OTHER_EHR).get(PATH + "/{id}", UUID.randomUUID()).then()
                .statusCode(404).extract().path("detail");
        given().auth().oauth2(OTHER_EHR).get(PATH + "/{id}", id).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo(missing));
        given().auth().oauth2(OTHER_EHR).contentType(ContentType.JSON).body(BODY).put(PATH + "/{id}", id)
                .then().statusCode(404);
        given().auth().oauth2(OTHER_EHR).contentType(ContentType.JSON).body("{}").post(PATH + "/{id}/secrets", id)
                .then().statusCode(404);
        given().auth().oauth2(OTHER_EHR).get(PATH + "/{id}/deliveries", id).then().statusCode(404);
        given().auth().oauth2(OTHER_EHR).post(PATH + "/{id}/deliveries/replay", id).then().statusCode(404);
        given().auth().oauth2(OTHER_EHR).delete(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(OTHER_EHR).get(PATH).then().statusCode(200).body("items.id", not(hasItem(id)));

        List<AccessRecorded> audit = TestDatabase.auditedAccesses("WebhookSubscription/" + id);
        assertTrue(audit.stream().anyMatch(r -> r.action() == AuditAction.CREATE && r.outcome() == AuditOutcome.SUCCESS
                && "careline-ehr".equals(r.clientId())));
        assertTrue(audit.stream().filter(r -> r.outcome() == AuditOutcome.DENIED && "other-ehr".equals(r.clientId()))
                .count() >= 6, "each refused attempt of the other client is audited");

        given().auth().oauth2(EHR).contentType(ContentType.JSON)
                .body(BODY.replace("message.posted\"]", "message.posted\",\"thread.closed\"]")).put(PATH + "/{id}", id)
                .then().statusCode(200).body("eventTypes", hasItems("message.posted", "thread.closed"));
        given().auth().oauth2(EHR).delete(PATH + "/{id}", id).then().statusCode(204);
        given().auth().oauth2(EHR).get(PATH + "/{id}", id).then().statusCode(404);
        List<AuditAction> actions = TestDatabase.auditedAccesses("WebhookSubscription/" + id).stream()
                .filter(r -> r.outcome() == AuditOutcome.SUCCESS).map(AccessRecorded::action).toList();
        assertTrue(actions.containsAll(List.of(AuditAction.CREATE, AuditAction.READ, AuditAction.UPDATE, AuditAction.DELETE)));
    }

    @Test
    void onlyAnAdminNamesTheOwningClient() {
        create(EHR, BODY.replace("{", "{\"ownerClient\":\"other-ehr\",")).then().statusCode(400)
                .contentType("application/problem+json");
        create(Actors.ADMIN, BODY).then().statusCode(400).contentType("application/problem+json");
        Response byAdmin = create(Actors.ADMIN, BODY.replace("{", "{\"ownerClient\":\"other-ehr\","));
        byAdmin.then().statusCode(201).body("ownerClient", equalTo("other-ehr"));
        given().auth().oauth2(OTHER_EHR).get(PATH + "/{id}", byAdmin.<String>path("id")).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient", "caregiver", "clinician", "staff", "billing", "auditor"})
    void everyOtherRoleIsRefusedEverywhere(String role) {
        String token = Actors.user("someone-" + role).roles(role).groups("/care-teams/family-medicine/physicians")
                .claim("patient_id", "P-1001").sign();
        String id = create(EHR, BODY).then().statusCode(201).extract().path("id");
        for (Response response : calls(token, id)) {
            response.then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void anonymousCallsAre401() {
        String id = create(EHR, BODY).then().statusCode(201).extract().path("id");
        for (Response response : calls(null, id)) {
            response.then().statusCode(401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"eventTypes\":[\"message.posted\"]}",
            "{\"targetUrl\":\"https://ehr.example.org/hooks\",\"eventTypes\":[]}",
            "{\"targetUrl\":\"https://ehr.example.org/hooks\"}",
            "{\"targetUrl\":\"https://ehr.example.org/hooks\",\"eventTypes\":[\"message.deleted\"]}",
            "{\"targetUrl\":\"https://ehr.example.org/hooks\",\"eventTypes\":[\"message.posted\"],\"careTeam\":\"Not A Team\"}",
            "{\"targetUrl\":\"https://ehr.example.org/hooks\",\"eventTypes\":[\"message.posted\"],\"status\":\"DELETED\"}",
            "{\"targetUrl\":\"https://ehr.example.org/hooks\",\"eventTypes\":\"message.posted\"}",
            "{\"targetUrl\":",
            "[]"})
    void badBodiesAre400ProblemsWithoutEchoingInput(String body) {
        create(EHR, body).then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(org.hamcrest.Matchers.containsString("message.deleted")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://ehr.example.org/hooks", "https://10.0.0.8/hooks", "https://169.254.169.254/latest",
            "https://metadata.internal/x", "ftp://ehr.example.org/x", "https://user:pw@ehr.example.org/x", "hooks"})
    void targetsOutsideThePublicHttpsWebAre422(String url) {
        create(EHR, "{\"targetUrl\":\"" + url + "\",\"eventTypes\":[\"message.posted\"]}").then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/target-url-not-allowed"))
                .body("detail", not(org.hamcrest.Matchers.containsString(url)));
    }

    @Test
    void rotationPeriodsAndQueryParametersAreChecked() {
        String id = create(EHR, BODY).then().statusCode(201).extract().path("id");
        for (String overlap : new String[]{"\"tomorrow\"", "\"P30D\"", "\"-PT1H\""}) {
            given().auth().oauth2(EHR).contentType(ContentType.JSON).body("{\"expireCurrentAfter\":" + overlap + "}")
                    .post(PATH + "/{id}/secrets", id).then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(EHR).get(PATH + "/{id}", "not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(EHR).queryParam("state", "LOST").get(PATH + "/{id}/deliveries", id).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(EHR).queryParam("cursor", "garbage").get(PATH).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(EHR).queryParam("limit", 0).get(PATH).then().statusCode(400);
        given().auth().oauth2(EHR).post(PATH + "/{id}/deliveries/{d}/replay", id, UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(EHR).contentType(ContentType.JSON).body(BODY.replace("{", "{\"ownerClient\":\"careline-ehr\","))
                .put(PATH + "/{id}", id).then().statusCode(400);
    }

    @Test
    void subscriptionsPageByCursor() {
        String client = "paging-ehr-" + UUID.randomUUID().toString().substring(0, 8);
        String token = integration(client);
        for (int i = 0; i < 3; i++) {
            create(token, BODY).then().statusCode(201);
        }
        Response first = given().auth().oauth2(token).queryParam("limit", 2).get(PATH);
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue());
        Response second = given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", first.<String>path("nextCursor"))
                .get(PATH);
        second.then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", nullValue());
        List<String> ids = new ArrayList<>(first.<List<String>>path("items.id"));
        ids.addAll(second.path("items.id"));
        assertEquals(3, ids.stream().distinct().count());
    }

    private Response create(String token, String body) {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH);
        if (response.statusCode() == 201) {
            created.add(response.path("id"));
        }
        return response;
    }

    private static List<Response> calls(String token, String id) {
        Supplier<RequestSpecification> spec = () -> token == null ? given() : given().auth().oauth2(token);
        UUID delivery = UUID.randomUUID();
        return List.of(
                spec.get().get(PATH),
                spec.get().contentType(ContentType.JSON).body(BODY).post(PATH),
                spec.get().get(PATH + "/{id}", id),
                spec.get().contentType(ContentType.JSON).body(BODY).put(PATH + "/{id}", id),
                spec.get().delete(PATH + "/{id}", id),
                spec.get().contentType(ContentType.JSON).body(Map.of()).post(PATH + "/{id}/secrets", id),
                spec.get().get(PATH + "/{id}/deliveries", id),
                spec.get().post(PATH + "/{id}/deliveries/replay", id),
                spec.get().post(PATH + "/{id}/deliveries/{d}/replay", id, delivery));
    }
}
