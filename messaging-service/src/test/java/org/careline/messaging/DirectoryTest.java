package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.ADMIN;
import static org.careline.messaging.Actors.BILLER;
import static org.careline.messaging.Actors.DR_LEE;
import static org.careline.messaging.Actors.DR_SHAH;
import static org.careline.messaging.Actors.PATIENT1;
import static org.careline.messaging.Actors.PATIENT2;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory of secure providers: scope per caller, admin management, and refusing messages it forbids. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class DirectoryTest {

    private static final String PATH = "/api/v1/directory";
    private String suffix;

    @BeforeEach
    void setUp() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPatientSeesTheirCareTeamsWithWhoAcceptsMessagesTurnaroundAndOutOfOffice() {
        String team = "team-" + suffix;
        String patient = Actors.patient("pat-" + suffix, "P-" + suffix, team);
        put(ADMIN, "/care-teams/" + team, "{\"displayName\":\"Team " + suffix + "\",\"acceptsMessages\":true,"
                + "\"turnaroundHours\":48}").then().statusCode(200)
                .body("careTeam", equalTo(team)).body("clinician", nullValue()).body("updatedBy", equalTo("admin1"));
        put(ADMIN, "/care-teams/" + team + "/clinicians/dr.a-" + suffix, "{\"displayName\":\"Dr. A\",\"credential\":\"MD\","
                + "\"acceptsMessages\":true,\"turnaroundHours\":24}").then().statusCode(200);
        put(ADMIN, "/care-teams/" + team + "/clinicians/dr.b-" + suffix, "{\"displayName\":\"Dr. B\",\"credential\":\"DO\","
                + "\"acceptsMessages\":false}").then().statusCode(200).body("acceptsMessages", equalTo(false));
        // dr.a is away now, np.c handles their messages
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"clinician\":\"dr.a-" + suffix + "\",\"delegate\":\"np.c-" + suffix + "\",\"from\":\""
                        + now.minusHours(1) + "\",\"until\":\"" + now.plusDays(2) + "\",\"timeZone\":\"UTC\"}")
                .post("/api/v1/out-of-office").then().statusCode(201);

        String requestId = "dir-" + UUID.randomUUID();
        given().auth().oauth2(patient).header("X-Request-Id", requestId).get(PATH).then().statusCode(200)
                .body("items.careTeam", equalTo(List.of(team)))
                .body("items[0].displayName", equalTo("Team " + suffix))
                .body("items[0].acceptsMessages", equalTo(true))
                .body("items[0].expectedTurnaround", equalTo("2 days"))
                .body("items[0].clinicians.username", equalTo(List.of("dr.a-" + suffix, "dr.b-" + suffix)))
                .body("items[0].clinicians[0].acceptsMessages", equalTo(true))
                .body("items[0].clinicians[0].turnaroundHours", equalTo(24))
                .body("items[0].clinicians[0].expectedTurnaround", equalTo("1 day"))
                .body("items[0].clinicians[0].outOfOffice.delegate", equalTo("np.c-" + suffix))
                .body("items[0].clinicians[0].outOfOffice.until", notNullValue())
                .body("items[0].clinicians[1].acceptsMessages", equalTo(false))
                .body("items[0].clinicians[1].turnaroundHours", equalTo(48))
                .body("items[0].clinicians[1].outOfOffice", nullValue());
        List<AccessRecorded> audits = Outboxes.auditsOfRequest(requestId);
        assertTrue(audits.stream().anyMatch(a -> a.outcome() == AuditOutcome.SUCCESS && ("P-" + suffix).equals(a.patientId())),
                audits.toString());

        // a team nobody configured accepts messages with the practice's default turnaround
        given().auth().oauth2(PATIENT2).get(PATH).then().statusCode(200)
                .body("items.careTeam", hasItem("cardiology"))
                .body("items.careTeam", not(hasItem(team)))
                .body("items.find { it.careTeam == 'cardiology' }.acceptsMessages", equalTo(true))
                .body("items.find { it.careTeam == 'cardiology' }.expectedTurnaround", equalTo("2 business days"));
    }

    @Test
    void aPatientNeverSeesAnotherPatientsCareRelationships() {
        String requestId = "dir-denied-" + UUID.randomUUID();
        given().auth().oauth2(PATIENT2).header("X-Request-Id", requestId).queryParam("patientId", "P-1001").get(PATH)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", not(containsString("family-medicine")));
        assertTrue(Outboxes.auditsOfRequest(requestId).stream()
                .anyMatch(a -> a.outcome() == AuditOutcome.DENIED && "P-1001".equals(a.patientId())));
        // a team that only the other patient's threads name does not appear
        String team = "only-p1-" + suffix;
        Actors.openThread(PATIENT1, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\",\"careTeam\":\"" + team + "\"}");
        given().auth().oauth2(PATIENT1).get(PATH).then().statusCode(200).body("items.careTeam", hasItem(team));
        given().auth().oauth2(PATIENT2).get(PATH).then().statusCode(200).body("items.careTeam", not(hasItem(team)));
    }

    @Test
    void aCaregiverSeesOnlyTheirGrantedPatientsCareTeams() {
        String caregiver = "cg-" + suffix;
        String token = Actors.caregiver(caregiver);
        given().auth().oauth2(token).get(PATH).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("patientId", "P-1002").get(PATH).then().statusCode(403)
                .body("type", endsWith("/proxy-grant-required"));
        Actors.grant(caregiver, "P-1002", "READ");
        Actors.openThread(PATIENT2, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\"}");
        given().auth().oauth2(token).queryParam("patientId", "P-1002").get(PATH).then().statusCode(200)
                .body("items.careTeam", hasItem("cardiology"));
        given().auth().oauth2(token).queryParam("patientId", "P-1001").get(PATH).then().statusCode(403);
        given().auth().oauth2(token).queryParam("patientId", "bad id!").get(PATH).then().statusCode(400);
    }

    @Test
    void careTeamMembersSeeTheirTeamsAndOtherRolesAreRefused() {
        given().auth().oauth2(DR_LEE).get(PATH).then().statusCode(200)
                .body("items.careTeam", equalTo(List.of("family-medicine")));
        given().auth().oauth2(DR_SHAH).get(PATH).then().statusCode(200)
                .body("items.careTeam", equalTo(List.of("cardiology")));
        given().auth().oauth2(BILLER).get(PATH).then().statusCode(403).contentType("application/problem+json");
        given().get(PATH).then().statusCode(401);
    }

    @Test
    void onlyAdminsManageTheDirectoryWithValidatedBodies() {
        String team = "/care-teams/mgmt-" + suffix;
        put(DR_LEE, team, "{\"acceptsMessages\":false}").then().statusCode(403);
        put(PATIENT1, team, "{\"acceptsMessages\":false}").then().statusCode(403);
        put(ADMIN, team, "{}").then().statusCode(400).contentType("application/problem+json");
        put(ADMIN, team, "{\"acceptsMessages\":true,\"turnaroundHours\":0}").then().statusCode(400);
        put(ADMIN, "/care-teams/bad%20team", "{\"acceptsMessages\":true}").then().statusCode(400);
        String requestId = "dir-put-" + UUID.randomUUID();
        given().auth().oauth2(ADMIN).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body("{\"acceptsMessages\":true}").put(PATH + team + "/clinicians/dr.x").then().statusCode(200);
        assertTrue(Outboxes.auditsOfRequest(requestId).stream().anyMatch(a -> a.resourceType().equals("DirectoryEntry")
                && a.resourceId().equals("mgmt-" + suffix + "/dr.x") && a.outcome() == AuditOutcome.SUCCESS));
        given().auth().oauth2(ADMIN).delete(PATH + team + "/clinicians/dr.x").then().statusCode(204);
        given().auth().oauth2(ADMIN).delete(PATH + team + "/clinicians/dr.x").then().statusCode(404);
    }

    @Test
    void aMessageToAClinicianOrTeamThatDoesNotAcceptMessagesIsRefusedPointingToTheCareTeam() {
        String away = "dr.no-" + suffix;
        put(ADMIN, "/care-teams/family-medicine/clinicians/" + away, "{\"acceptsMessages\":false}").then().statusCode(200);
        Actors.open(PATIENT1, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\",\"clinician\":\"" + away + "\"}")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/clinician-not-accepting-messages"))
                .body("detail", containsString("family-medicine"));
        // the care team itself still takes the message
        Actors.open(PATIENT1, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\"}").then().statusCode(201);
        // a clinician writing to the patient is not held back by the patients' directory
        Actors.open(DR_LEE, "{\"subject\":\"s\",\"body\":\"b\",\"topic\":\"OTHER\",\"patientId\":\"P-1001\","
                + "\"clinician\":\"" + away + "\"}").then().statusCode(201);

        String closed = "closed-" + suffix;
        put(ADMIN, "/care-teams/" + closed, "{\"acceptsMessages\":false}").then().statusCode(200);
        Actors.open(Actors.patient("pc-" + suffix, "P-c" + suffix, closed), "{\"subject\":\"s\",\"body\":\"b\","
                + "\"topic\":\"OTHER\"}").then().statusCode(422).body("type", endsWith("/care-team-not-accepting-messages"));
    }

    private static Response put(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put(PATH + path);
    }
}
