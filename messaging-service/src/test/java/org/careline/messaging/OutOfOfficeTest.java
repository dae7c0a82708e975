package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.events.NotificationRecipientKind;
import org.careline.events.NotificationRequested;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Away periods in local time, and messages to an away clinician going to the delegate. Clock: Monday 10:00 New York. */
@QuarkusTest
@TestProfile(FixedClockProfile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class OutOfOfficeTest {

    private static final String PATH = "/api/v1/out-of-office";
    private String suffix;

    @BeforeEach
    void setUp() {
        FixedClockProfile.CLOCK.set(FixedClockProfile.MONDAY_MORNING);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aMessageToAnAwayClinicianGoesToTheDelegateOnTheirBehalf() {
        String away = clinician("dr.away");
        away(away, "np.kim-" + suffix, "2026-11-23T09:00:00", "2026-11-24T09:00:00", "America/New_York")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(PATH + "/"))
                .body("clinician", equalTo("dr.away-" + suffix))
                .body("startsAt", equalTo("2026-11-23T14:00:00Z"))
                .body("endsAt", equalTo("2026-11-24T14:00:00Z"));

        String id = openTo("dr.away-" + suffix).then().statusCode(201)
                .body("addressedTo", equalTo("np.kim-" + suffix))
                .body("onBehalfOf", equalTo("dr.away-" + suffix))
                .extract().path("id");
        given().auth().oauth2(ThreadResourceTest.PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("addressedTo", equalTo("np.kim-" + suffix))
                .body("onBehalfOf", equalTo("dr.away-" + suffix));

        NotificationRequested toClinician = notifications(id).get(0);
        assertEquals(NotificationRecipientKind.CLINICIAN, toClinician.recipientKind());
        assertEquals("np.kim-" + suffix, toClinician.recipientId());
    }

    @Test
    void beforeThePeriodStartsMessagesStillGoToTheClinician() {
        String away = clinician("dr.later");
        away(away, "np.kim-" + suffix, "2026-11-23T11:00:00", "2026-11-24T09:00:00", "America/New_York")
                .then().statusCode(201);
        String id = openTo("dr.later-" + suffix).then().statusCode(201)
                .body("addressedTo", equalTo("dr.later-" + suffix))
                .body("onBehalfOf", nullValue())
                .extract().path("id");
        assertEquals("dr.later-" + suffix, notifications(id).get(0).recipientId());

        // an hour later (11:00 in New York) the period runs
        FixedClockProfile.CLOCK.advance(java.time.Duration.ofHours(1));
        openTo("dr.later-" + suffix).then().statusCode(201).body("addressedTo", equalTo("np.kim-" + suffix));
    }

    @Test
    void theDelegatesOwnAbsenceIsFollowedAndACircleIsNot() {
        String a = clinician("dr.a");
        String b = clinician("dr.b");
        away(a, "dr.b-" + suffix, "2026-11-20T00:00:00", "2026-11-30T00:00:00", "America/New_York").then().statusCode(201);
        away(b, "dr.c-" + suffix, "2026-11-20T00:00:00", "2026-11-30T00:00:00", "America/New_York").then().statusCode(201);
        openTo("dr.a-" + suffix).then().statusCode(201)
                .body("addressedTo", equalTo("dr.c-" + suffix)).body("onBehalfOf", equalTo("dr.a-" + suffix));

        String c = clinician("dr.c");
        away(c, "dr.a-" + suffix, "2026-11-20T00:00:00", "2026-11-30T00:00:00", "America/New_York").then().statusCode(201);
        // a -> b -> c -> a: the circle stops at c, the last one not yet visited
        openTo("dr.a-" + suffix).then().statusCode(201).body("addressedTo", equalTo("dr.c-" + suffix));
    }

    @Test
    void localTimesFollowTheZoneAcrossTheDaylightSavingChange() {
        // New York springs forward on 2027-03-14: noon is 17:00Z before, 16:00Z after
        away(clinician("dr.dst"), "np.kim-" + suffix, "2027-03-13T12:00:00", "2027-03-15T12:00:00", "America/New_York")
                .then().statusCode(201)
                .body("startsAt", equalTo("2027-03-13T17:00:00Z"))
                .body("endsAt", equalTo("2027-03-15T16:00:00Z"))
                .body("from", equalTo("2027-03-13T12:00:00"))
                .body("until", equalTo("2027-03-15T12:00:00"));
    }

    @Test
    void aClinicianListsAndCancelsOnlyTheirOwnPeriods() {
        String mine = clinician("dr.mine");
        String id = away(mine, "np.kim-" + suffix, "2026-11-23T09:00:00", "2026-11-24T09:00:00", "America/Chicago")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(mine).get(PATH).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(id)).body("items[0].timeZone", equalTo("America/Chicago"));

        String other = clinician("dr.other");
        given().auth().oauth2(other).get(PATH).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(other).delete(PATH + "/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).queryParam("clinician", "dr.mine-" + suffix).get(PATH).then().statusCode(403);

        given().auth().oauth2(TemplateResourceTest.ADMIN).queryParam("clinician", "dr.mine-" + suffix).get(PATH)
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(mine).delete(PATH + "/{id}", id).then().statusCode(204);
        openTo("dr.mine-" + suffix).then().statusCode(201).body("addressedTo", equalTo("dr.mine-" + suffix));
    }

    @Test
    void anotherClinicansPeriodIsRefusedAuditedAndUnchanged() {
        String mine = clinician("dr.mine");
        String id = away(mine, "np.kim-" + suffix, "2026-11-23T09:00:00", "2026-11-24T09:00:00", "America/Chicago")
                .then().statusCode(201).extract().path("id");
        String other = clinician("dr.other");

        String createRequest = "ooo-create-" + UUID.randomUUID();
        given().auth().oauth2(other).header("X-Request-Id", createRequest).contentType(ContentType.JSON)
                .body("{\"clinician\":\"dr.mine-%s\",\"delegate\":\"np.kim-%s\",\"from\":\"2026-11-25T09:00:00\",\"until\":\"2026-11-26T09:00:00\",\"timeZone\":\"America/Chicago\"}"
                        .formatted(suffix, suffix))
                .post(PATH).then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        assertDenied(createRequest, AuditAction.CREATE, null, "dr.other-" + suffix);

        String deleteRequest = "ooo-delete-" + UUID.randomUUID();
        given().auth().oauth2(other).header("X-Request-Id", deleteRequest).delete(PATH + "/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
        assertDenied(deleteRequest, AuditAction.DELETE, id, "dr.other-" + suffix);

        given().auth().oauth2(mine).get(PATH).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(id));
    }

    private static void assertDenied(String requestId, AuditAction action, String resourceId, String username) {
        List<AccessRecorded> audits = TestDatabase.auditedAccessesOfRequest(requestId);
        assertEquals(1, audits.size(), "one audit record for " + requestId);
        AccessRecorded audit = audits.get(0);
        assertEquals(AuditOutcome.DENIED, audit.outcome());
        assertEquals(action, audit.action());
        assertEquals("OutOfOffice", audit.resourceType());
        assertEquals(resourceId, audit.resourceId());
        assertEquals(username, audit.username());
    }

    @Test
    void badPeriodsAreProblems() {
        String me = clinician("dr.bad");
        away(me, "np.kim", "2026-11-24T09:00:00", "2026-11-23T09:00:00", "America/New_York").then().statusCode(400)
                .body("detail", equalTo("until must be after from."));
        away(me, "np.kim", "2026-11-01T09:00:00", "2026-11-02T09:00:00", "America/New_York").then().statusCode(400);
        away(me, "np.kim", "2026-11-23T09:00:00", "2026-11-24T09:00:00", "Mars/Olympus").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("timeZone"));
        away(me, "dr.bad-" + suffix, "2026-11-23T09:00:00", "2026-11-24T09:00:00", "UTC").then().statusCode(400);
        away(me, "np.kim", "2026-11-23T09:00:00", "2026-11-25T09:00:00", "UTC").then().statusCode(201);
        away(me, "np.kim", "2026-11-24T09:00:00", "2026-11-26T09:00:00", "UTC").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(me).contentType(ContentType.JSON).body("{\"delegate\":\"x\",\"from\":\"yesterday\"}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(me).contentType(ContentType.JSON).body("{\"delegate\":\"x\"}")
                .post(PATH).then().statusCode(400).body("type", endsWith("/validation-failed"));
        given().auth().oauth2(TemplateResourceTest.ADMIN).contentType(ContentType.JSON)
                .body("{\"delegate\":\"x\",\"from\":\"2026-11-23T09:00:00\",\"until\":\"2026-11-24T09:00:00\",\"timeZone\":\"UTC\"}")
                .post(PATH).then().statusCode(400);
        for (String token : new String[]{ThreadResourceTest.PATIENT1, TemplateResourceTest.FRONT_DESK, ThreadResourceTest.BILLER}) {
            given().auth().oauth2(token).get(PATH).then().statusCode(403);
        }
    }

    private String clinician(String name) {
        return TestTokens.clinician(name + "-" + suffix, "MD", "/care-teams/family-medicine/physicians");
    }

    private static Response away(String token, String delegate, String from, String until, String zone) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"delegate\":\"%s\",\"from\":\"%s\",\"until\":\"%s\",\"timeZone\":\"%s\"}"
                        .formatted(delegate, from, until, zone))
                .post(PATH);
    }

    private static Response openTo(String clinicianId) {
        return ThreadResourceTest.open(ThreadResourceTest.PATIENT1,
                "{\"subject\":\"Question\",\"body\":\"A question for my doctor\",\"topic\":\"CLINICAL_QUESTION\",\"clinician\":\"%s\"}"
                        .formatted(clinicianId));
    }

    private static List<NotificationRequested> notifications(String threadId) {
        return OutboxEvents.data(EventType.NOTIFICATION_REQUESTED, threadId, NotificationRequested.class);
    }
}
