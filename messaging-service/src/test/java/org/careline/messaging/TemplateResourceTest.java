package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class TemplateResourceTest {

    static final String ADMIN = TestTokens.user("admin1").roles("admin").sign();
    static final String NURSE = TestTokens.user("rn.ortiz").roles("clinician").claim("credential", "RN")
            .groups("/care-teams/family-medicine/nurse-pool").sign();
    static final String FRONT_DESK = TestTokens.user("frontdesk1").roles("staff")
            .groups("/care-teams/family-medicine/front-desk").sign();
    private static final String PATH = "/api/v1/templates";

    @Test
    void aClinicianCreatesReadsRendersUpdatesAndDeletesATemplateOfTheirTeam() {
        String name = "Refill sent " + UUID.randomUUID();
        Response created = create(ThreadResourceTest.DR_LEE, """
                {"name":"%s","body":"Sent to your pharmacy on {{date}}. We reply within {{turnaround}}. {{clinician}}, {{careTeam}}; next business day {{nextBusinessDay}}."}"""
                .formatted(name));
        created.then().statusCode(201)
                .header("Location", endsWith(PATH + "/" + created.path("id")))
                .body("careTeam", equalTo("family-medicine"))
                .body("name", equalTo(name))
                .body("createdBy", equalTo("sub-dr.lee"));
        String id = created.path("id");

        given().auth().oauth2(NURSE).get(PATH + "/{id}", id).then().statusCode(200).body("name", equalTo(name));
        given().auth().oauth2(FRONT_DESK).post(PATH + "/{id}/render", id).then().statusCode(200)
                .body("templateId", equalTo(id))
                .body("body", matchesPattern("Sent to your pharmacy on [A-Z][a-z]+ \\d{1,2}, \\d{4}\\. We reply within "
                        + "2 business days\\. frontdesk1, family-medicine; next business day [A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}\\."));
        given().auth().oauth2(NURSE).post(PATH + "/{id}/render", id).then().statusCode(200)
                .body("body", containsString("rn.ortiz, RN, family-medicine"));

        given().auth().oauth2(NURSE).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"body\":\"Done. {{clinician}}\"}")
                .put(PATH + "/{id}", id).then().statusCode(200).body("body", equalTo("Done. {{clinician}}"));
        given().auth().oauth2(ThreadResourceTest.DR_LEE).delete(PATH + "/{id}", id).then().statusCode(204);
        given().auth().oauth2(ThreadResourceTest.DR_LEE).get(PATH + "/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void unknownPlaceholdersAre400OnCreateAndUpdate() {
        create(ThreadResourceTest.DR_LEE, "{\"name\":\"Hi\",\"body\":\"Dear {{patientFirstName}}, see you {{date}}\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/unknown-placeholder"))
                .body("detail", containsString("patientFirstName"));
        create(ThreadResourceTest.DR_LEE, "{\"name\":\"Hi\",\"body\":\"Dear {{date\"}").then().statusCode(400);

        String id = create(ThreadResourceTest.DR_LEE, "{\"name\":\"Ok " + UUID.randomUUID() + "\",\"body\":\"Fine\"}")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(ThreadResourceTest.DR_LEE).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"body\":\"{{diagnosis}}\"}").put(PATH + "/{id}", id)
                .then().statusCode(400).body("type", endsWith("/unknown-placeholder"));
    }

    @Test
    void anotherTeamsTemplateLooksMissing() {
        String id = create(ThreadResourceTest.DR_LEE, "{\"name\":\"Private " + UUID.randomUUID() + "\",\"body\":\"Hello\"}")
                .then().statusCode(201).extract().path("id");
        String cardiologist = ThreadResourceTest.CARDIOLOGIST;

        given().auth().oauth2(cardiologist).get(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(cardiologist).post(PATH + "/{id}/render", id).then().statusCode(404);
        given().auth().oauth2(cardiologist).delete(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(cardiologist).contentType(ContentType.JSON).body("{\"name\":\"x\",\"body\":\"y\"}")
                .put(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(cardiologist).get(PATH).then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(cardiologist).get(PATH + "?careTeam=family-medicine").then().statusCode(403);
        create(cardiologist, "{\"careTeam\":\"family-medicine\",\"name\":\"x\",\"body\":\"y\"}").then().statusCode(403);
        given().auth().oauth2(ThreadResourceTest.DR_LEE).get(PATH + "/{id}", id).then().statusCode(200);
    }

    @Test
    void anotherTeamsWritesAreRefusedAuditedAndChangeNothing() {
        String name = "Not yours " + UUID.randomUUID();
        String id = create(ThreadResourceTest.DR_LEE, "{\"name\":\"" + name + "\",\"body\":\"Hello\"}")
                .then().statusCode(201).extract().path("id");
        String cardiologist = ThreadResourceTest.CARDIOLOGIST;

        String createRequest = "tpl-create-" + UUID.randomUUID();
        given().auth().oauth2(cardiologist).header("X-Request-Id", createRequest).contentType(ContentType.JSON)
                .body("{\"careTeam\":\"family-medicine\",\"name\":\"" + name + " 2\",\"body\":\"y\"}").post(PATH)
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        assertDenied(createRequest, AuditAction.CREATE, null);

        String listRequest = "tpl-list-" + UUID.randomUUID();
        given().auth().oauth2(cardiologist).header("X-Request-Id", listRequest).queryParam("careTeam", "family-medicine")
                .get(PATH).then().statusCode(403).contentType("application/problem+json");
        assertDenied(listRequest, AuditAction.QUERY, null);

        String updateRequest = "tpl-update-" + UUID.randomUUID();
        given().auth().oauth2(cardiologist).header("X-Request-Id", updateRequest).contentType(ContentType.JSON)
                .body("{\"name\":\"Hijacked\",\"body\":\"Hijacked\"}").put(PATH + "/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
        assertDenied(updateRequest, AuditAction.UPDATE, id);

        String deleteRequest = "tpl-delete-" + UUID.randomUUID();
        given().auth().oauth2(cardiologist).header("X-Request-Id", deleteRequest).delete(PATH + "/{id}", id)
                .then().statusCode(404);
        assertDenied(deleteRequest, AuditAction.DELETE, id);

        given().auth().oauth2(ThreadResourceTest.DR_LEE).get(PATH + "/{id}", id).then().statusCode(200)
                .body("name", equalTo(name)).body("body", equalTo("Hello"));
        given().auth().oauth2(ThreadResourceTest.DR_LEE).queryParam("careTeam", "family-medicine").queryParam("limit", 200)
                .get(PATH).then().statusCode(200).body("items.name", not(hasItem(name + " 2")));
    }

    private static void assertDenied(String requestId, AuditAction action, String resourceId) {
        List<AccessRecorded> audits = TestDatabase.auditedAccessesOfRequest(requestId);
        assertEquals(1, audits.size(), "one audit record for " + requestId);
        AccessRecorded audit = audits.get(0);
        assertEquals(AuditOutcome.DENIED, audit.outcome());
        assertEquals(action, audit.action());
        assertEquals("Template", audit.resourceType());
        assertEquals(resourceId, audit.resourceId());
        assertEquals("sub-dr.shah", audit.userId());
    }

    @Test
    void patientsCaregiversAndBillingHaveNoTemplates() {
        for (String token : new String[]{ThreadResourceTest.PATIENT1, ThreadResourceTest.CAREGIVER, ThreadResourceTest.BILLER}) {
            given().auth().oauth2(token).get(PATH).then().statusCode(403).contentType("application/problem+json");
            create(token, "{\"name\":\"x\",\"body\":\"y\"}").then().statusCode(403);
        }
        given().get(PATH).then().statusCode(401);
    }

    @Test
    void anAdminNamesTheTeamAndPagesThroughAllTeams() {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        create(ADMIN, "{\"name\":\"a\",\"body\":\"y\"}").then().statusCode(400).body("detail", containsString("careTeam"));
        for (String name : new String[]{"charlie", "alpha", "bravo"}) {
            create(ADMIN, "{\"careTeam\":\"" + team + "\",\"name\":\"" + name + "\",\"body\":\"Hi from {{careTeam}}\"}")
                    .then().statusCode(201);
        }
        create(ADMIN, "{\"careTeam\":\"" + team + "\",\"name\":\"alpha\",\"body\":\"again\"}").then().statusCode(409)
                .contentType("application/problem+json");

        Response first = given().auth().oauth2(ADMIN).queryParam("careTeam", team).queryParam("limit", 2).get(PATH);
        first.then().statusCode(200).body("items.name", org.hamcrest.Matchers.contains("alpha", "bravo"))
                .body("nextCursor", notNullValue());
        given().auth().oauth2(ADMIN).queryParam("careTeam", team).queryParam("limit", 2)
                .queryParam("cursor", first.path("nextCursor").toString()).get(PATH)
                .then().statusCode(200).body("items.name", org.hamcrest.Matchers.contains("charlie"))
                .body("nextCursor", nullValue());
        given().auth().oauth2(ADMIN).queryParam("cursor", "not-a-cursor").get(PATH).then().statusCode(400)
                .body("type", endsWith("/invalid-cursor"));
        given().auth().oauth2(ADMIN).queryParam("limit", 0).get(PATH).then().statusCode(400);
    }

    @Test
    void badBodiesAre400Problems() {
        create(ThreadResourceTest.DR_LEE, "{\"name\":\"\",\"body\":\"\"}").then().statusCode(400)
                .body("violations.field", hasItem("name")).body("violations.field", hasItem("body"));
        create(ThreadResourceTest.DR_LEE, "{\"name\":\"x\",\"body\":\"" + "b".repeat(5_001) + "\"}").then().statusCode(400);
        create(ThreadResourceTest.DR_LEE, "{\"name\":").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ThreadResourceTest.DR_LEE).get(PATH + "/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(ThreadResourceTest.DR_LEE).get(PATH).then().statusCode(200).body("items", notNullValue());
    }

    private static Response create(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH);
    }
}
