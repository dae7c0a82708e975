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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ThreadResourceTest {

    static final String PATIENT1 = Actors.PATIENT1;
    static final String PATIENT2 = Actors.PATIENT2;
    static final String DR_LEE = Actors.DR_LEE;
    static final String CARDIOLOGIST = Actors.DR_SHAH;
    static final String BILLER = Actors.BILLER;
    static final String CAREGIVER = Actors.caregiver("caregiver-without-grant");

    static final String NEW_THREAD = """
            {"subject":"Inhaler refill","body":"Could you refill my albuterol inhaler?","topic":"MEDICATION"}""";

    @Test
    void patientOpensAThreadAndReadsItBack() {
        Response created = open(PATIENT1, NEW_THREAD);
        created.then().statusCode(201)
                .header("Location", endsWith("/api/v1/threads/" + created.path("id")))
                .body("patientId", equalTo("P-1001"))
                .body("careTeam", equalTo("family-medicine"))
                .body("status", equalTo("AWAITING_CARE_TEAM"))
                .body("patientInitiated", equalTo(true))
                .body("messages", hasSize(1))
                .body("messages[0].authorRole", equalTo("PATIENT"));

        given().auth().oauth2(PATIENT1)
                .get("/api/v1/threads/{id}", created.path("id").toString())
                .then().statusCode(200)
                .body("subject", equalTo("Inhaler refill"))
                .body("messages[0].body", equalTo("Could you refill my albuterol inhaler?"));
    }

    @Test
    void locationPointsAtTheGatewayThatForwardedTheRequest() {
        given().auth().oauth2(PATIENT1).contentType(ContentType.JSON).body(NEW_THREAD)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "careline.example:8443")
                .header("X-Forwarded-Port", "8443")
                .post("/api/v1/threads")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.startsWith("https://careline.example:8443/api/v1/threads/"));
    }

    @Test
    void careTeamReadsItsPatientsThreadButAnotherTeamCannot() {
        String id = open(PATIENT1, NEW_THREAD).then().statusCode(201).extract().path("id");

        given().auth().oauth2(DR_LEE).get("/api/v1/threads/{id}", id).then().statusCode(200);
        given().auth().oauth2(CARDIOLOGIST).get("/api/v1/threads/{id}", id).then().statusCode(404);
    }

    @Test
    void anotherPatientsThreadLooksExactlyLikeAMissingOne() {
        String id = open(PATIENT1, NEW_THREAD).then().statusCode(201).extract().path("id");

        Response others = given().auth().oauth2(PATIENT2).header("X-Request-Id", "same")
                .get("/api/v1/threads/{id}", id);
        String missingId = UUID.randomUUID().toString();
        Response missing = given().auth().oauth2(PATIENT2).header("X-Request-Id", "same")
                .get("/api/v1/threads/{id}", missingId);

        others.then().statusCode(404).contentType("application/problem+json");
        missing.then().statusCode(404).contentType("application/problem+json");
        assertEquals(missing.asString().replace(missingId, id), others.asString());
    }

    @Test
    void clinicianWritesToAPatientOfTheirTeam() {
        open(DR_LEE, """
                {"subject":"Lab results","body":"Your results are normal.","topic":"TEST_RESULTS","patientId":"P-1001"}""")
                .then().statusCode(201)
                .body("patientId", equalTo("P-1001"))
                .body("status", equalTo("AWAITING_PATIENT"))
                .body("patientInitiated", equalTo(false))
                .body("messages[0].authorCredential", equalTo("MD"));
    }

    @Test
    void clinicianMustNameThePatient() {
        open(DR_LEE, NEW_THREAD).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("patientId"));
    }

    @Test
    void clinicianCannotWriteForAnotherTeam() {
        open(DR_LEE, """
                {"subject":"Hi","body":"Hello","topic":"OTHER","patientId":"P-1002","careTeam":"cardiology"}""")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void patientCannotWriteAboutAnotherPatient() {
        open(PATIENT1, """
                {"subject":"Hi","body":"Hello","topic":"OTHER","patientId":"P-1002"}""")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void caregiverWithoutProxyGrantIsRefused() {
        open(CAREGIVER, """
                {"subject":"Hi","body":"Hello","topic":"OTHER","patientId":"P-1001"}""")
                .then().statusCode(403).body("type", endsWith("/proxy-grant-required"));
    }

    @Test
    void billingRoleSeesNoThreads() {
        String id = open(PATIENT1, NEW_THREAD).then().statusCode(201).extract().path("id");
        given().auth().oauth2(BILLER).get("/api/v1/threads/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");
        open(BILLER, NEW_THREAD).then().statusCode(403);
    }

    @Test
    void noTokenIs401AndAForgedTokenToo() {
        given().contentType(ContentType.JSON).body(NEW_THREAD).post("/api/v1/threads")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        String wrongAudience = TestTokens.user("patient1").roles("patient").claim("patient_id", "P-1001")
                .audience("someone-else").sign();
        open(wrongAudience, NEW_THREAD).then().statusCode(401);
        String expired = TestTokens.user("patient1").roles("patient").claim("patient_id", "P-1001")
                .expiresAt(1_000_000_000L).sign();
        open(expired, NEW_THREAD).then().statusCode(401);
    }

    @Test
    void malformedJsonIs400ProblemWithoutEchoingTheBody() {
        open(PATIENT1, "{\"subject\": \"chest pain\", body")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/malformed-body"))
                .body(not(containsString("chest pain")));
    }

    @Test
    void missingFieldsAre400WithEachViolation() {
        open(PATIENT1, "{\"topic\":\"MEDICATION\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation-failed"))
                .body("violations.field", hasItem("subject"))
                .body("violations.field", hasItem("body"));
    }

    @Test
    void anEmptyBodyIs400() {
        given().auth().oauth2(PATIENT1).contentType(ContentType.JSON).post("/api/v1/threads")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"subject\":\"Hi\",\"body\":\"Hello\",\"topic\":\"NOT_A_TOPIC\"}",
            "{\"subject\":\"Hi\",\"body\":\"Hello\",\"topic\":42}",
            "{\"subject\":[\"Hi\"],\"body\":\"Hello\",\"topic\":\"OTHER\"}",
            "[]"})
    void wronglyTypedFieldsAre400(String body) {
        open(PATIENT1, body).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void oversizeFieldsAre400() {
        String body = "x".repeat(10_001);
        open(PATIENT1, "{\"subject\":\"Hi\",\"body\":\"" + body + "\",\"topic\":\"OTHER\"}")
                .then().statusCode(400).body("violations.field", hasItem("body"));
        open(PATIENT1, "{\"subject\":\"" + "s".repeat(201) + "\",\"body\":\"Hello\",\"topic\":\"OTHER\"}")
                .then().statusCode(400).body("violations.field", hasItem("subject"));
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        given().auth().oauth2(PATIENT1).contentType(ContentType.TEXT).body("hello").post("/api/v1/threads")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownAndMalformedIdsAre404Problems() {
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json").body("requestId", notNullValue());
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void requestIdIsEchoed() {
        given().auth().oauth2(PATIENT1).header("X-Request-Id", "req-abc-123")
                .get("/api/v1/threads/{id}", UUID.randomUUID().toString())
                .then().statusCode(404).header("X-Request-Id", "req-abc-123").body("requestId", equalTo("req-abc-123"));
    }

    static Response open(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/threads");
    }
}
