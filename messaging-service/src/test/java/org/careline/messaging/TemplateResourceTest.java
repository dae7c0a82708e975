package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

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
