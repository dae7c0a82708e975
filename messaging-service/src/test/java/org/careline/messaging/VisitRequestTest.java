package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.events.NotificationRecipientKind;
import org.careline.events.NotificationRequested;
import org.careline.events.ParticipantRole;
import org.careline.events.VisitReason;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitRequested;
import org.careline.events.VisitType;
import org.careline.messaging.service.VisitRequestService;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.DR_LEE;
import static org.careline.messaging.Actors.DR_SHAH;
import static org.careline.messaging.Actors.NEW_THREAD;
import static org.careline.messaging.Actors.PATIENT1;
import static org.careline.messaging.Actors.PATIENT2;
import static org.careline.messaging.Actors.openThread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message to visit: a care-team member turns a thread into a visit request. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class VisitRequestTest {

    private static final String NOTE = "Please bring your home blood pressure log.";
    private static final String BODY = "{\"visitType\":\"IN_PERSON\",\"reason\":\"NEEDS_EXAMINATION\",\"note\":\"" + NOTE + "\"}";

    @Inject
    VisitRequestService service;
    @Inject
    Vertx vertx;

    @Test
    void aClinicianTurnsAThreadIntoAVisitRequestWithATemplatedReplyAndAnEventWithoutText() {
        String id = openThread(PATIENT1, NEW_THREAD);
        String requestId = "visit-" + UUID.randomUUID();

        String visitId = request(DR_LEE, id, BODY, requestId).then().statusCode(201)
                .header("Location", endsWith("/api/v1/threads/" + id + "/visit-request"))
                .body("threadId", equalTo(id))
                .body("patientId", equalTo("P-1001"))
                .body("visitType", equalTo("IN_PERSON"))
                .body("reason", equalTo("NEEDS_EXAMINATION"))
                .body("source", equalTo("CARE_TEAM"))
                .body("status", equalTo("OPEN"))
                .body("note", equalTo(NOTE))
                .extract().path("id");

        // the patient sees the templated reply with next steps and the note, and it is their turn
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("status", equalTo("AWAITING_PATIENT"))
                .body("messages", hasSize(2))
                .body("messages[1].authorRole", equalTo("CLINICIAN"))
                .body("messages[1].body", containsString("would like to see you in person"))
                .body("messages[1].body", containsString("scheduling team will contact you within 1 business day"))
                .body("messages[1].body", containsString(NOTE));
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}/visit-request", id).then().statusCode(200)
                .body("id", equalTo(visitId));

        List<VisitRequested> events = Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class);
        assertEquals(1, events.size());
        VisitRequested event = events.get(0);
        assertEquals(visitId, event.visitRequestId());
        assertEquals("P-1001", event.patientId());
        assertEquals("family-medicine", event.careTeam());
        assertEquals(VisitRequestSource.CARE_TEAM, event.source());
        assertEquals(ParticipantRole.CLINICIAN, event.requestedBy().role());
        assertEquals("MD", event.requestedBy().credential());
        assertEquals(VisitType.IN_PERSON, event.visitType());
        assertEquals(VisitReason.NEEDS_EXAMINATION, event.reason());
        assertTrue(event.patientInitiated());
        // the note travels in the thread only, never in the event
        String stored = OutboxEvents.raw(EventType.VISIT_REQUESTED, id).get(0);
        assertFalse(stored.contains("blood pressure"), stored);
        assertEquals(List.of("careline.messaging.threads|" + id), OutboxEvents.routing(EventType.VISIT_REQUESTED, id));

        // the patient is notified of the care team's message
        List<NotificationRequested> notes = Outboxes.events(EventType.NOTIFICATION_REQUESTED, id,
                NotificationRequested.class);
        assertTrue(notes.stream().anyMatch(n -> n.recipientKind() == NotificationRecipientKind.PATIENT
                && n.recipientId().equals("P-1001")), notes.toString());

        List<AccessRecorded> audits = Outboxes.auditsOfRequest(requestId);
        assertTrue(audits.stream().anyMatch(a -> a.resourceType().equals("VisitRequest")
                && a.resourceId().equals(visitId) && a.outcome() == AuditOutcome.SUCCESS
                && "P-1001".equals(a.patientId())), audits.toString());
    }

    @Test
    void aSecondRequestOnAThreadWithAnOpenOneIsAConflictAndEmitsNothing() {
        String id = openThread(PATIENT1, NEW_THREAD);
        request(DR_LEE, id, BODY, null).then().statusCode(201);
        request(DR_LEE, id, "{\"visitType\":\"VIDEO\",\"reason\":\"FOLLOW_UP\"}", null).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/visit-request-exists"));
        assertEquals(1, Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class).size());
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().body("messages", hasSize(2));
    }

    @Test
    void onlyTheThreadsCareTeamMayRequestAVisitAndRefusalsAreAudited() {
        String id = openThread(PATIENT1, NEW_THREAD);
        String patientRequest = "visit-patient-" + UUID.randomUUID();
        request(PATIENT1, id, BODY, patientRequest).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", not(containsString("albuterol")));
        assertTrue(Outboxes.auditsOfRequest(patientRequest).stream()
                .anyMatch(a -> a.outcome() == AuditOutcome.DENIED && "P-1001".equals(a.patientId())));

        // another team's clinician and another patient: the thread does not exist for them
        request(DR_SHAH, id, BODY, null).then().statusCode(404);
        request(PATIENT2, id, BODY, null).then().statusCode(404);
        request(Actors.BILLER, id, BODY, null).then().statusCode(403);
        request(DR_LEE, UUID.randomUUID().toString(), BODY, null).then().statusCode(404);
        request(DR_LEE, "not-a-uuid", BODY, null).then().statusCode(404);
        given().auth().oauth2(PATIENT2).get("/api/v1/threads/{id}/visit-request", id).then().statusCode(404);
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}/visit-request", id).then().statusCode(404)
                .body("detail", equalTo("This thread has no visit request."));
        assertTrue(Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class).isEmpty());
    }

    @Test
    void badBodiesAreProblems() {
        String id = openThread(PATIENT1, NEW_THREAD);
        request(DR_LEE, id, "{\"reason\":\"NEEDS_EXAMINATION\"}", null).then().statusCode(400)
                .contentType("application/problem+json");
        request(DR_LEE, id, "{\"visitType\":\"HOUSE_CALL\",\"reason\":\"NEEDS_EXAMINATION\"}", null).then()
                .statusCode(400).contentType("application/problem+json");
        request(DR_LEE, id, "{\"visitType\":\"PHONE\",\"reason\":\"OTHER\",\"note\":\"" + "x".repeat(2001) + "\"}",
                null).then().statusCode(400).contentType("application/problem+json");
        request(DR_LEE, id, "not json", null).then().statusCode(400);
        assertTrue(Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class).isEmpty());
    }

    @Test
    void aTriageRuleCanRequestAVisitWithoutNamingAPerson() throws Exception {
        String id = openThread(PATIENT1, NEW_THREAD);
        onContext(() -> service.requestByRule(UUID.fromString(id), VisitType.PHONE, VisitReason.TRIAGE_URGENCY));

        VisitRequested event = Outboxes.events(EventType.VISIT_REQUESTED, id, VisitRequested.class).get(0);
        assertEquals(VisitRequestSource.TRIAGE_RULE, event.source());
        assertNull(event.requestedBy());
        assertEquals(VisitReason.TRIAGE_URGENCY, event.reason());
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("messages[1].authorId", equalTo("careline-auto-reply"))
                .body("messages[1].body", containsString("talk with you by phone"));
        // and the care team cannot add a second one
        request(DR_LEE, id, BODY, null).then().statusCode(409);
    }

    /** Runs a service call on a Vert.x duplicated context, as a consumer would. */
    private <T> T onContext(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(30, TimeUnit.SECONDS);
    }

    private static Response request(String token, String threadId, String body, String requestId) {
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (requestId != null) {
            spec = spec.header("X-Request-Id", requestId);
        }
        return spec.post("/api/v1/threads/{id}/visit-request", threadId);
    }
}
