package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.events.VisitCancelReason;
import org.careline.events.VisitRequestStatus;
import org.careline.events.VisitRequestUpdated;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.DR_LEE;
import static org.careline.messaging.Actors.DR_SHAH;
import static org.careline.messaging.Actors.NEW_THREAD;
import static org.careline.messaging.Actors.PATIENT1;
import static org.careline.messaging.Actors.PATIENT2;
import static org.careline.messaging.Actors.openThread;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A visit request's outcome: scheduled, completed or cancelled by the EHR integration or the care team. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class VisitRequestLifecycleTest {

    /** This test's EHR client: connected to family-medicine (the threads' team) by a webhook subscription. */
    private static final String EHR_CLIENT = "ehr-visits-" + UUID.randomUUID().toString().substring(0, 8);
    /** The EHR's service account as the realm defines it (staff, billing and integration). */
    static final String EHR = ehr(EHR_CLIENT);
    private static boolean subscribed;

    static String ehr(String client) {
        return Actors.user("service-account-" + client).roles("staff", "billing", "integration").claim("azp", client)
                .sign();
    }

    /** An admin connects an EHR client to a care team (a subscription to the team's closed threads). */
    static void connect(String client, String team) {
        given().auth().oauth2(Actors.ADMIN).contentType(ContentType.JSON)
                .body("{\"ownerClient\":\"" + client + "\",\"targetUrl\":\"https://ehr.example.org/hooks\","
                        + "\"eventTypes\":[\"thread.closed\"],\"careTeam\":\"" + team + "\"}")
                .post("/api/v1/webhooks/subscriptions").then().statusCode(201);
    }

    @org.junit.jupiter.api.BeforeEach
    void connectTheEhr() {
        if (!subscribed) {
            connect(EHR_CLIENT, "family-medicine");
            subscribed = true;
        }
    }
    private static final String REQUEST = "{\"visitType\":\"IN_PERSON\",\"reason\":\"NEEDS_EXAMINATION\"}";

    @Test
    void theEhrSchedulesTheCareTeamCompletesAndAFinalRequestCannotMoveAgain() {
        String id = requested();
        String requestId = "schedule-" + UUID.randomUUID();

        String visitId = patch(EHR, id, "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-11-25T14:30:00Z\"}",
                requestId).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("appointmentAt", equalTo("2026-11-25T14:30:00Z"))
                .body("cancelReason", nullValue())
                .extract().path("id");
        // a scheduled request is still the thread's active one
        post(DR_LEE, id).then().statusCode(409).body("type", endsWith("/visit-request-exists"));
        // rebooked, then completed by the care team
        patch(EHR, id, "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-11-26T09:00:00Z\"}", null).then()
                .statusCode(200).body("appointmentAt", equalTo("2026-11-26T09:00:00Z"));
        patch(DR_LEE, id, "{\"status\":\"COMPLETED\"}", null).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("appointmentAt", equalTo("2026-11-26T09:00:00Z"));
        patch(EHR, id, "{\"status\":\"CANCELLED\",\"cancelReason\":\"PATIENT_NO_SHOW\"}", null).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/visit-request-transition"));
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}/visit-request", id).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));

        List<VisitRequestUpdated> events = Outboxes.events(EventType.VISIT_REQUEST_UPDATED, id,
                VisitRequestUpdated.class);
        assertEquals(3, events.size(), events.toString());
        VisitRequestUpdated scheduled = events.get(0);
        assertEquals(visitId, scheduled.visitRequestId());
        assertEquals(VisitRequestStatus.SCHEDULED, scheduled.status());
        assertEquals(VisitRequestStatus.OPEN, scheduled.previousStatus());
        assertEquals(Instant.parse("2026-11-25T14:30:00Z"), scheduled.appointmentAt());
        assertEquals(EHR_CLIENT, scheduled.updatedBy());
        assertEquals("P-1001", scheduled.patientId());
        assertEquals(VisitRequestStatus.COMPLETED, events.get(2).status());
        assertEquals(VisitRequestStatus.SCHEDULED, events.get(2).previousStatus());
        assertNull(events.get(2).cancelReason());

        List<AccessRecorded> audits = Outboxes.auditsOfRequest(requestId);
        assertTrue(audits.stream().anyMatch(a -> a.resourceType().equals("VisitRequest") && a.resourceId().equals(visitId)
                && a.action() == AuditAction.UPDATE && a.outcome() == AuditOutcome.SUCCESS
                && "P-1001".equals(a.patientId())), audits.toString());

        // the patient was told of each booking (in the practice's time zone), not of the completion
        List<String> bodies = given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .extract().path("messages.body");
        assertEquals(4, bodies.size(), bodies.toString());
        assertTrue(bodies.get(2).startsWith("Your visit is booked for Wednesday, November 25 at 9:30 AM."), bodies.get(2));
        assertTrue(bodies.get(3).startsWith("Your visit is booked for Thursday, November 26 at 4:00 AM."), bodies.get(3));
        assertEquals(2, Outboxes.events(EventType.MESSAGE_POSTED, id, org.careline.events.MessagePosted.class).stream()
                .filter(m -> m.body() != null && m.body().startsWith("Your visit is booked")).count(),
                "announced as replies (triage and billing see them like any care-team message)");

        // once the request is final, the care team may ask for a new visit
        post(DR_LEE, id).then().statusCode(201);
    }

    @Test
    void theEhrBooksWithoutATimeAndADuplicateCancellationIsNotToldToThePatient() {
        String id = requested();
        patch(EHR, id, "{\"status\":\"SCHEDULED\"}", null).then().statusCode(200).body("appointmentAt", nullValue());
        patch(EHR, id, "{\"status\":\"CANCELLED\",\"cancelReason\":\"DUPLICATE\"}", null).then().statusCode(200);
        List<String> bodies = given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .extract().path("messages.body");
        assertEquals(3, bodies.size(), bodies.toString());
        assertTrue(bodies.get(2).startsWith("Your visit is booked; the office will confirm the time"), bodies.get(2));
    }

    @Test
    void aCancellationNeedsACodedReason() {
        String id = requested();
        patch(DR_LEE, id, "{\"status\":\"CANCELLED\"}", null).then().statusCode(400)
                .contentType("application/problem+json");
        patch(DR_LEE, id, "{\"status\":\"CANCELLED\",\"cancelReason\":\"BECAUSE\"}", null).then().statusCode(400)
                .contentType("application/problem+json");
        patch(DR_LEE, id, "{\"status\":\"OPEN\"}", null).then().statusCode(400);
        patch(DR_LEE, id, "{\"status\":\"COMPLETED\",\"appointmentAt\":\"2026-11-25T14:30:00Z\"}", null).then()
                .statusCode(400);
        patch(DR_LEE, id, "{}", null).then().statusCode(400);
        patch(DR_LEE, id, "not json", null).then().statusCode(400);

        patch(DR_LEE, id, "{\"status\":\"CANCELLED\",\"cancelReason\":\"RESOLVED_WITHOUT_VISIT\"}", null).then()
                .statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("RESOLVED_WITHOUT_VISIT"));
        VisitRequestUpdated event = Outboxes.events(EventType.VISIT_REQUEST_UPDATED, id, VisitRequestUpdated.class)
                .get(0);
        assertEquals(VisitCancelReason.RESOLVED_WITHOUT_VISIT, event.cancelReason());
        assertEquals(VisitRequestStatus.OPEN, event.previousStatus());
        // refused changes wrote no message; the cancellation told the patient once
        List<String> bodies = given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .extract().path("messages.body");
        assertEquals(3, bodies.size(), bodies.toString());
        assertTrue(bodies.get(2).startsWith("Your visit request has been cancelled."), bodies.get(2));
    }

    @Test
    void onlyTheIntegrationOrTheCareTeamRecordAnOutcomeAndRefusalsAreAudited() {
        String id = requested();
        String patientRequest = "visit-update-patient-" + UUID.randomUUID();
        patch(PATIENT1, id, "{\"status\":\"COMPLETED\"}", patientRequest).then().statusCode(403)
                .contentType("application/problem+json");
        assertTrue(Outboxes.auditsOfRequest(patientRequest).stream()
                .anyMatch(a -> a.outcome() == AuditOutcome.DENIED && "P-1001".equals(a.patientId())));
        patch(PATIENT2, id, "{\"status\":\"COMPLETED\"}", null).then().statusCode(404);
        patch(DR_SHAH, id, "{\"status\":\"COMPLETED\"}", null).then().statusCode(404);
        patch(Actors.BILLER, id, "{\"status\":\"COMPLETED\"}", null).then().statusCode(403);
        patch(EHR, UUID.randomUUID().toString(), "{\"status\":\"COMPLETED\"}", null).then().statusCode(404);
        patch(EHR, "not-a-uuid", "{\"status\":\"COMPLETED\"}", null).then().statusCode(404);
        // a thread without a visit request
        String plain = openThread(PATIENT1, NEW_THREAD);
        patch(EHR, plain, "{\"status\":\"COMPLETED\"}", null).then().statusCode(404)
                .body("detail", equalTo("This thread has no visit request."));

        assertTrue(Outboxes.events(EventType.VISIT_REQUEST_UPDATED, id, VisitRequestUpdated.class).isEmpty());
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}/visit-request", id).then()
                .body("status", equalTo("OPEN"));
    }

    @Test
    void anEhrRecordsOutcomesOnlyForTheCareTeamsItsSubscriptionsConnectItTo() {
        String id = requested();
        // connected to another team only, or to none: the thread is as if missing (404), audited as denied
        String cardiologyClient = "ehr-cardio-" + UUID.randomUUID().toString().substring(0, 8);
        connect(cardiologyClient, "cardiology");
        String elsewhere = "visit-update-elsewhere-" + UUID.randomUUID();
        patch(ehr(cardiologyClient), id, "{\"status\":\"COMPLETED\"}", elsewhere).then().statusCode(404)
                .contentType("application/problem+json");
        assertTrue(Outboxes.auditsOfRequest(elsewhere).stream().anyMatch(a -> a.outcome() == AuditOutcome.DENIED
                && "P-1001".equals(a.patientId())), Outboxes.auditsOfRequest(elsewhere).toString());
        patch(ehr("ehr-unconnected-" + UUID.randomUUID().toString().substring(0, 8)), id,
                "{\"status\":\"COMPLETED\"}", null).then().statusCode(404);
        assertTrue(Outboxes.events(EventType.VISIT_REQUEST_UPDATED, id, VisitRequestUpdated.class).isEmpty());

        // once connected to the thread's team, the same client may
        connect(cardiologyClient, "family-medicine");
        patch(ehr(cardiologyClient), id, "{\"status\":\"COMPLETED\"}", null).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    private static String requested() {
        String id = openThread(PATIENT1, NEW_THREAD);
        post(DR_LEE, id).then().statusCode(201);
        return id;
    }

    private static Response post(String token, String threadId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(REQUEST)
                .post("/api/v1/threads/{id}/visit-request", threadId);
    }

    private static Response patch(String token, String threadId, String body, String requestId) {
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (requestId != null) {
            spec = spec.header("X-Request-Id", requestId);
        }
        return spec.patch("/api/v1/threads/{id}/visit-request", threadId);
    }
}
