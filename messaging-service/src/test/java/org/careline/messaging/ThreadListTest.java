package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.DR_LEE;
import static org.careline.messaging.Actors.openThread;
import static org.careline.messaging.Actors.reply;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/threads: visibility, filters and cursor pagination. Each test uses its own patient. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ThreadListTest {

    @Test
    void pagesWalkEveryThreadOnceLatestActivityFirst() {
        String patient = Actors.patient("patient-list-1", "P-L1", "family-medicine");
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(openThread(patient, "{\"subject\":\"Q" + i + "\",\"body\":\"question " + i + "\",\"topic\":\"OTHER\"}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(patient).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/threads");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size(), "no thread twice");
        List<String> newestFirst = new ArrayList<>(opened);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
    }

    @Test
    void filtersByStatusTopicPatientAndUpdatedAfter() {
        String patient = Actors.patient("patient-list-2", "P-L2", "family-medicine");
        String refill = openThread(patient, "{\"subject\":\"Refill\",\"body\":\"refill please\",\"topic\":\"MEDICATION\"}");
        String appointment = openThread(patient, "{\"subject\":\"Visit\",\"body\":\"can I come monday\",\"topic\":\"APPOINTMENT\"}");
        Instant between = Instant.now();
        reply(DR_LEE, appointment, "{\"body\":\"Monday 9am works.\"}").then().statusCode(201);

        given().auth().oauth2(patient).queryParam("topic", "MEDICATION").get("/api/v1/threads").then().statusCode(200)
                .body("items.id", hasItem(refill)).body("items.id", not(hasItem(appointment)))
                .body("items.topic", everyItem(equalTo("MEDICATION")));
        given().auth().oauth2(patient).queryParam("status", "AWAITING_PATIENT").get("/api/v1/threads").then()
                .statusCode(200).body("items.id", hasItem(appointment)).body("items.id", not(hasItem(refill)));
        given().auth().oauth2(patient).queryParam("updatedAfter", between.toString()).get("/api/v1/threads").then()
                .statusCode(200).body("items.id", hasItem(appointment)).body("items.id", not(hasItem(refill)));
        given().auth().oauth2(DR_LEE).queryParam("patientId", "P-L2").get("/api/v1/threads").then().statusCode(200)
                .body("items.patientId", everyItem(equalTo("P-L2")))
                .body("items.id", hasItem(refill)).body("items.id", hasItem(appointment));
    }

    @Test
    void aPatientListsOnlyTheirOwnAndCannotAskForAnothers() {
        String mine = Actors.patient("patient-list-3", "P-L3", "family-medicine");
        String theirs = Actors.patient("patient-list-4", "P-L4", "family-medicine");
        String own = openThread(mine, "{\"subject\":\"Mine\",\"body\":\"mine\",\"topic\":\"OTHER\"}");
        String other = openThread(theirs, "{\"subject\":\"Theirs\",\"body\":\"theirs\",\"topic\":\"OTHER\"}");

        Response list = given().auth().oauth2(mine).queryParam("limit", 200).get("/api/v1/threads");
        list.then().statusCode(200).body("items.patientId", everyItem(equalTo("P-L3")));
        Set<String> ids = new HashSet<>(list.path("items.id"));
        assertTrue(ids.contains(own));
        assertTrue(!ids.contains(other));

        given().auth().oauth2(mine).queryParam("patientId", "P-L4").get("/api/v1/threads").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void theLastPageHasNoCursor() {
        String patient = Actors.patient("patient-list-5", "P-L5", "family-medicine");
        openThread(patient, "{\"subject\":\"One\",\"body\":\"one\",\"topic\":\"OTHER\"}");
        String next = given().auth().oauth2(patient).get("/api/v1/threads").then().statusCode(200)
                .extract().path("nextCursor");
        assertNull(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=OPEN", "topic=medication", "limit=0", "limit=201", "limit=ten",
            "cursor=not-a-cursor", "cursor=bm9wZQ", "updatedAfter=yesterday", "patientId=P%201001"})
    void badParametersAre400Problems(String parameter) {
        String[] pair = parameter.split("=", 2);
        given().auth().oauth2(Actors.PATIENT1).urlEncodingEnabled(false).queryParam(pair[0], pair[1])
                .get("/api/v1/threads").then().statusCode(400).contentType("application/problem+json");
    }
}
