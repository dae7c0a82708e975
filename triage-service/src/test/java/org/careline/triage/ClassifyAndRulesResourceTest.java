package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.careline.triage.classify.ModelSettings;
import org.careline.triage.classify.RulesWithModelClassifier;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The side-effect-free classify endpoint and the rules admin API (validate, publish, activate). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ClassifyAndRulesResourceTest {

    static final String ADMIN = TestTokens.user("admin1").roles("admin").sign();
    private static final String CLASSIFY = "/api/v1/triage/classify";
    private static final String RULES = "/api/v1/triage/rules";

    @Test
    void careTeamMembersClassifyWithoutSideEffects() {
        given().auth().oauth2(TriageResourceTest.DR_LEE).contentType(ContentType.JSON)
                .body(Map.of("subject", "refill", "body", "please refill my statin. also crushing chest pain since an hour",
                        "topic", "MEDICATION"))
                .post(CLASSIFY).then().statusCode(200)
                .body("urgency", equalTo("EMERGENT"))
                .body("category", equalTo("CLINICAL"))
                .body("explanation", startsWith("EMERGENT by flag chest-pain"))
                .body("explanation", not(containsString("statin")));
        given().auth().oauth2(TriageResourceTest.FRONT_DESK).contentType(ContentType.JSON)
                .body(Map.of("body", "can I move my appointment to friday")).post(CLASSIFY).then().statusCode(200)
                .body("urgency", equalTo("ROUTINE")).body("category", equalTo("APPOINTMENT"));
    }

    @Test
    void classifyRejectsBadInputAndOtherRoles() {
        given().auth().oauth2(TriageResourceTest.DR_LEE).contentType(ContentType.JSON).body(Map.of("subject", "x"))
                .post(CLASSIFY).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TriageResourceTest.DR_LEE).contentType(ContentType.JSON)
                .body(Map.of("body", "hi", "topic", "NOT_A_TOPIC")).post(CLASSIFY).then().statusCode(400);
        given().auth().oauth2(TriageResourceTest.PATIENT1).contentType(ContentType.JSON).body(Map.of("body", "hi"))
                .post(CLASSIFY).then().statusCode(403);
        given().auth().oauth2(TriageResourceTest.BILLER).contentType(ContentType.JSON).body(Map.of("body", "hi"))
                .post(CLASSIFY).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("body", "hi")).post(CLASSIFY).then().statusCode(401);
    }

    @Test
    void onlyAdminsViewAndPublishRules() {
        given().auth().oauth2(TriageResourceTest.DR_LEE).get(RULES).then().statusCode(403);
        given().auth().oauth2(TriageResourceTest.DR_LEE).contentType(ContentType.JSON).body("{}").post(RULES)
                .then().statusCode(403);
        given().auth().oauth2(ADMIN).get(RULES).then().statusCode(200)
                .body("active", equalTo(true))
                .body("document.flags.id", hasItem("chest-pain"));
    }

    @Test
    void anInvalidDocumentIsRejectedWithItsProblems() {
        String active = given().auth().oauth2(ADMIN).get(RULES).then().statusCode(200)
                .extract().jsonPath().prettify();
        String broken = documentOf(active).replace("\"@critical-med\"", "\"@no-such-concept\"")
                .replaceFirst("\"version\" *: *\"[^\"]+\"", "\"version\":\"broken-" + UUID.randomUUID() + "\"");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(broken).post(RULES).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("unknown concept @no-such-concept"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"version\":\"x\"}").post(RULES)
                .then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("not json").post(RULES)
                .then().statusCode(400);
    }

    @Test
    void aPublishedVersionIsStoredActivatedAndRecordedOnDecisions() {
        String version = "test-" + UUID.randomUUID();
        String active = given().auth().oauth2(ADMIN).get(RULES).then().statusCode(200).extract().jsonPath().prettify();
        // a clinic adds a local red flag phrase: data, not code
        String changed = documentOf(active)
                .replaceFirst("\"version\" *: *\"[^\"]+\"", "\"version\":\"" + version + "\"")
                .replace("\"angina\"", "\"angina\", \"zebra heart\"");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(changed).post(RULES).then().statusCode(201)
                .header("Location", containsString("/api/v1/triage/rules/versions/" + version))
                .body("version", equalTo(version)).body("active", equalTo(true));

        given().auth().oauth2(TriageResourceTest.DR_LEE).contentType(ContentType.JSON)
                .body(Map.of("body", "my zebra heart is back")).post(CLASSIFY).then().statusCode(200)
                .body("urgency", equalTo("EMERGENT"))
                .body("rulesVersion", equalTo(RulesWithModelClassifier.versionOf(version,
                        ModelSettings.fromClasspath("triage-model.json").version())));
        given().auth().oauth2(ADMIN).get(RULES + "/versions").then().statusCode(200)
                .body("find { it.version == '" + version + "' }.active", equalTo(true));
        given().auth().oauth2(ADMIN).get(RULES + "/versions/" + version).then().statusCode(200)
                .body("document.version", equalTo(version));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(changed).post(RULES).then().statusCode(409);
        given().auth().oauth2(ADMIN).get(RULES + "/versions/no-such-version").then().statusCode(404);
    }

    /** The "document" member of a GET /rules answer, as JSON text. */
    private static String documentOf(String response) {
        return io.restassured.path.json.JsonPath.from(response).prettify().isEmpty() ? ""
                : new io.restassured.path.json.JsonPath(response).getMap("document").isEmpty() ? ""
                : toJson(new io.restassured.path.json.JsonPath(response).getMap("document"));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
