package org.careline.stack;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton, end to end, against the real parts: {@code ./careline up} starts PostgreSQL,
 * Kafka, Keycloak (realm imported) and the five packaged services; a patient's thread goes in through
 * the gateway and comes out in triage, billing and audit, each read back through the gateway with a
 * real Keycloak token. Runs on ports offset by {@code careline.e2e.port-offset} (default 1000) so it
 * never collides with a developer's stack.
 */
class WalkingSkeletonIT {

    private static final int OFFSET = Integer.getInteger("careline.e2e.port-offset", 1000);
    private static final Path REPO = Path.of(System.getProperty("careline.repo", "..")).toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target", "e2e-home").toAbsolutePath();
    private static final String GATEWAY = "http://127.0.0.1:" + (8080 + OFFSET);
    private static final String TOKEN_URL = "http://127.0.0.1:" + (8180 + OFFSET)
            + "/realms/careline/protocol/openid-connect/token";
    private static final Duration HOP = Duration.ofSeconds(60);

    @BeforeAll
    static void startTheStack() throws Exception {
        int exit = careline(Duration.ofMinutes(8), "up", "--clean", "--no-build");
        assertEquals(0, exit, "./careline up failed; see " + HOME.resolveSibling("careline-it.log"));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        assertEquals(0, careline(Duration.ofMinutes(2), "down"), "./careline down failed");
    }

    @Test
    void aPatientsMessageFlowsThroughEveryService() {
        String patient1 = token("patient1");

        Response created = given().auth().oauth2(patient1).contentType(ContentType.JSON)
                .body("{\"subject\":\"Inhaler refill\",\"body\":\"Could you refill my albuterol inhaler? I have "
                        + "about two days left.\",\"topic\":\"MEDICATION\"}")
                .post(GATEWAY + "/api/v1/threads");
        created.then().statusCode(201).header("Location", notNullValue()).body("id", notNullValue());
        String threadId = created.path("id");

        // messaging: the owner reads it, with the automatic reply (expectations or after-hours, by the
        // practice's schedule) under the message; another patient gets the same 404 as for a missing id
        given().auth().oauth2(patient1).get(GATEWAY + "/api/v1/threads/{id}", threadId)
                .then().statusCode(200).body("patientId", equalTo("P-1001")).body("messages.size()", equalTo(2))
                .body("messages[0].body", containsString("albuterol"))
                .body("messages[1].authorId", equalTo("careline-auto-reply"))
                .body("messages[1].body", containsString("911"));
        given().auth().oauth2(token("patient2")).get(GATEWAY + "/api/v1/threads/{id}", threadId)
                .then().statusCode(404).contentType("application/problem+json");

        // triage: a classification and an open queue item, visible to the care team
        String drLee = token("dr.lee");
        await().atMost(HOP).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(drLee).get(GATEWAY + "/api/v1/triage/threads/{id}", threadId)
                        .then().statusCode(200)
                        .body("decisions.size()", equalTo(1))
                        .body("decisions[0].category", equalTo("MEDICATION"))
                        .body("queueItem.status", equalTo("OPEN")));
        given().auth().oauth2(patient1).get(GATEWAY + "/api/v1/triage/threads/{id}", threadId)
                .then().statusCode(403);

        // billing: the patient-initiated thread is recorded
        String biller = token("biller1");
        await().atMost(HOP).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(biller).queryParam("patientId", "P-1001")
                        .get(GATEWAY + "/api/v1/billing/episodes")
                        .then().statusCode(200)
                        .body("items.threadIds.flatten()", hasItem(threadId)));

        // audit: who created what for which patient, for auditors only
        String auditor = token("auditor1");
        await().atMost(HOP).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(auditor).queryParam("patientId", "P-1001")
                        .get(GATEWAY + "/api/v1/audit/events")
                        .then().statusCode(200)
                        .body("items.findAll { it.action == 'CREATE' && it.resourceId == '" + threadId
                                + "' }.username", hasItem("patient1")));
        given().auth().oauth2(patient1).queryParam("patientId", "P-1001").get(GATEWAY + "/api/v1/audit/events")
                .then().statusCode(403);
    }

    @Test
    void theGatewayRefusesMissingAndForgedTokens() {
        given().contentType(ContentType.JSON).body("{}").post(GATEWAY + "/api/v1/threads")
                .then().statusCode(401).contentType("application/problem+json");
        String forged = token("patient1");
        String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(tampered).get(GATEWAY + "/api/v1/threads/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(401);
        given().auth().oauth2(token("patient1")).contentType(ContentType.JSON).body("{\"subject\": ")
                .post(GATEWAY + "/api/v1/threads")
                .then().statusCode(400).contentType("application/problem+json").body("status", not(equalTo(500)));
    }

    private static String token(String username) {
        return given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "careline-web",
                        "username", username, "password", "careline"))
                .post(TOKEN_URL)
                .then().statusCode(200).extract().path("access_token");
    }

    private static int careline(Duration timeout, String... args) throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        File log = HOME.resolveSibling("careline-it.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(concat(REPO.resolve("careline").toString(), args))
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().put("CARELINE_HOME", HOME.toString());
        builder.environment().put("CARELINE_PORT_OFFSET", Integer.toString(OFFSET));
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./careline " + String.join(" ", args) + " did not finish in " + timeout);
        }
        String tail = tail(log.toPath());
        System.out.println(tail);
        assertTrue(log.exists());
        return process.exitValue();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }
}
