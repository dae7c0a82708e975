package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.events.ParticipantRole;
import org.careline.events.ThreadRead;
import org.careline.events.ThreadReplied;
import org.careline.events.TimeLogged;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.DR_LEE;
import static org.careline.messaging.Actors.DR_SHAH;
import static org.careline.messaging.Actors.NEW_THREAD;
import static org.careline.messaging.Actors.NP_KIM;
import static org.careline.messaging.Actors.PATIENT1;
import static org.careline.messaging.Actors.openThread;
import static org.careline.messaging.Actors.reply;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies, status, read receipts, "reply directly to me", and the events each announces. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ConversationTest {

    @Test
    void statusFollowsTheConversationAndACareTeamReplyLogsTimeForBilling() {
        String id = openThread(PATIENT1, NEW_THREAD);

        reply(DR_LEE, id, """
                {"body":"Your refill was sent to your pharmacy.","timeSpentMinutes":8,"clinicalAssessment":true}""")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/threads/" + id))
                .body("status", equalTo("AWAITING_PATIENT"))
                .body("messages", hasSize(2))
                .body("messages[1].authorRole", equalTo("CLINICIAN"))
                .body("messages[1].timeSpentMinutes", equalTo(8));

        // the patient sees the reply but not the care team's logged time
        given().auth().oauth2(PATIENT1).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("messages[1].body", equalTo("Your refill was sent to your pharmacy."))
                .body("messages[1].timeSpentMinutes", nullValue())
                .body("messages[1].clinicalAssessment", nullValue());

        reply(PATIENT1, id, "{\"body\":\"Thank you!\"}").then().statusCode(201)
                .body("status", equalTo("AWAITING_CARE_TEAM"));

        List<MessagePosted> posted = Outboxes.events(EventType.MESSAGE_POSTED, id, MessagePosted.class);
        assertEquals(3, posted.size(), "one message-posted per message, patient replies included");
        assertTrue(posted.get(0).firstInThread());
        assertFalse(posted.get(2).firstInThread());
        assertEquals(ParticipantRole.PATIENT, posted.get(2).author().role());
        assertEquals("Thank you!", posted.get(2).body());

        List<ThreadReplied> replied = Outboxes.events(EventType.THREAD_REPLIED, id, ThreadReplied.class);
        assertEquals(List.of("AWAITING_PATIENT", "AWAITING_CARE_TEAM"), replied.stream().map(ThreadReplied::status).toList());

        List<TimeLogged> logged = Outboxes.events(EventType.TIME_LOGGED, id, TimeLogged.class);
        assertEquals(1, logged.size(), "only the reply that carries minutes logs time");
        TimeLogged time = logged.get(0);
        assertEquals(8, time.minutes());
        assertTrue(time.clinicalAssessment());
        assertTrue(time.patientInitiated());
        assertEquals("MD", time.clinician().credential());
        assertEquals("sub-dr.lee", time.clinician().userId());
        assertEquals("P-1001", time.patientId());
        assertEquals(posted.get(1).messageId(), time.messageId());
    }

    @Test
    void readReceiptsAreRecordedPerReaderAndAnnounced() {
        String id = openThread(PATIENT1, NEW_THREAD);
        String replyId = reply(DR_LEE, id, "{\"body\":\"Done.\"}").then().statusCode(201)
                .extract().path("messages[1].id");

        given().auth().oauth2(PATIENT1).post("/api/v1/threads/{id}/read", id).then().statusCode(200)
                .body("threadId", equalTo(id))
                .body("readerRole", equalTo("PATIENT"))
                .body("lastReadMessageId", equalTo(replyId));
        // reading twice moves the receipt forward, never duplicates it
        given().auth().oauth2(PATIENT1).post("/api/v1/threads/{id}/read", id).then().statusCode(200);

        given().auth().oauth2(DR_LEE).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("readReceipts", hasSize(1))
                .body("readReceipts[0].readerId", equalTo("sub-patient1"));

        List<ThreadRead> reads = Outboxes.events(EventType.THREAD_READ, id, ThreadRead.class);
        assertEquals(2, reads.size());
        assertEquals(replyId, reads.get(0).lastReadMessageId());
        assertEquals(ParticipantRole.PATIENT, reads.get(0).reader().role());
    }

    @Test
    void aClinicianCanAskForRepliesDirectlyToThemAndAPatientCanAddressAClinician() {
        String id = openThread(PATIENT1, NEW_THREAD);
        reply(DR_LEE, id, "{\"body\":\"I will handle this.\",\"replyDirectlyToMe\":true}")
                .then().statusCode(201).body("addressedTo", equalTo("dr.lee"));
        // the team still sees it
        given().auth().oauth2(NP_KIM).get("/api/v1/threads/{id}", id).then().statusCode(200)
                .body("addressedTo", equalTo("dr.lee"));

        // addressed to a clinician outside the care team: that clinician sees it, their colleagues do not
        String toShah = openThread(PATIENT1, """
                {"subject":"Palpitations","body":"Question for Dr Shah","topic":"CLINICAL_QUESTION","clinician":"dr.shah"}""");
        given().auth().oauth2(DR_SHAH).get("/api/v1/threads/{id}", toShah).then().statusCode(200);
        given().auth().oauth2(DR_SHAH).queryParam("patientId", "P-1001").get("/api/v1/threads").then().statusCode(200)
                .body("items.id", hasItem(toShah)).body("items.id", not(hasItem(id)));
        String otherCardiologist = Actors.clinician("dr.other", "MD", "/care-teams/cardiology/physicians");
        given().auth().oauth2(otherCardiologist).get("/api/v1/threads/{id}", toShah).then().statusCode(404);
    }

    @Test
    void careTeamFieldsFromAPatientAre400() {
        String id = openThread(PATIENT1, NEW_THREAD);
        reply(PATIENT1, id, "{\"body\":\"Hi\",\"timeSpentMinutes\":5}").then().statusCode(400)
                .contentType("application/problem+json");
        reply(PATIENT1, id, "{\"body\":\"Hi\",\"replyDirectlyToMe\":true}").then().statusCode(400)
                .contentType("application/problem+json");
        // nothing was written
        assertEquals(1, Outboxes.events(EventType.MESSAGE_POSTED, id, MessagePosted.class).size());
    }

    @Test
    void aClosedThreadTakesNoReplies() {
        String id = openThread(PATIENT1, NEW_THREAD);
        TestDatabase.execute("update message_thread set status = 'CLOSED', closed_at = now() where id = ?",
                UUID.fromString(id));
        reply(PATIENT1, id, "{\"body\":\"Hello again\"}").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/thread-closed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"body\":\"\"}",
            "{\"body\":\"   \"}",
            "{}",
            "{\"body\":\"ok\",\"timeSpentMinutes\":0}",
            "{\"body\":\"ok\",\"timeSpentMinutes\":1441}",
            "{\"body\":\"ok\",\"timeSpentMinutes\":\"ten\"}",
            "{\"body\":\"ok\",\"clinicalAssessment\":\"maybe\"}",
            "[1,2]",
            "{\"body\": \"chest pain\"",
            "null"})
    void badRepliesAre400Problems(String body) {
        String id = openThread(PATIENT1, NEW_THREAD);
        Response response = reply(DR_LEE, id, body);
        response.then().statusCode(400).contentType("application/problem+json");
        assertFalse(response.asString().contains("chest pain"), "problems never echo the request");
    }

    @Test
    void aBodyOfTenThousandCharactersIsAcceptedOneMoreIsNot() {
        String id = openThread(PATIENT1, NEW_THREAD);
        String max = "a".repeat(10_000);
        reply(PATIENT1, id, "{\"body\":\"" + max + "\"}").then().statusCode(201);
        reply(PATIENT1, id, "{\"body\":\"" + max + "b\"}").then().statusCode(400)
                .body("violations.field", hasItem("body"));
    }

    @Test
    void repliesToMissingOrMalformedIdsAre404() {
        reply(PATIENT1, UUID.randomUUID().toString(), "{\"body\":\"hi\"}").then().statusCode(404)
                .contentType("application/problem+json");
        reply(PATIENT1, "not-a-uuid", "{\"body\":\"hi\"}").then().statusCode(404);
        given().auth().oauth2(PATIENT1).contentType(ContentType.JSON).post("/api/v1/threads/{id}/read", "x")
                .then().statusCode(404);
    }
}
