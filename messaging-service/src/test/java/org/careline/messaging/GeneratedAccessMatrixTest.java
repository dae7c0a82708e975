package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.fuzz.AccessMatrix;
import org.careline.testsupport.fuzz.ApiFuzzer;
import org.careline.testsupport.fuzz.ApiFuzzer.AccessCell;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix generated from the OpenAPI document, so that it covers every operation, the
 * ones added later included (the hand-written {@link AuthorizationMatrixTest} pins exact statuses for the
 * core ones). Every actor calls every operation with the real ids of patient P-1001's thread, grant and
 * attachment: no one outside P-1001's circle ever sees its text (zero leaks, whatever the status), no call
 * fails with a 5xx, and every refusal (401/403) left a DENIED audit record for its request.
 */
@QuarkusTest
@TestProfile(GeneratedAccessMatrixTest.Isolated.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class GeneratedAccessMatrixTest {

    /** A profile of its own: a fresh application and database, so that other tests' threads are not around. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final String SUBJECT = "Chest tightness at night";
    private static final String BODY = "Since the new beta blocker my chest feels tight at 3am";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyActorAgainstEveryOperationLeaksNothingAndEveryRefusalIsAudited() {
        String threadId = Actors.openThread(Actors.PATIENT1, """
                {"subject":"%s","body":"%s","topic":"MEDICATION"}""".formatted(SUBJECT, BODY));
        String grantId = Actors.grant("cg-gen-granted", "P-1001", "READ_WRITE");
        String attachmentId = given().auth().oauth2(Actors.PATIENT1).contentType("application/octet-stream").body(PNG)
                .post("/api/v1/threads/{id}/attachments", threadId).then().statusCode(201).extract().path("id");

        Map<String, String> actors = new LinkedHashMap<>();
        actors.put("patient1 (own)", Actors.PATIENT1);
        actors.put("caregiver with grant", Actors.caregiver("cg-gen-granted"));
        actors.put("clinician in team", Actors.DR_LEE);
        actors.put("staff in team", Actors.FRONT_DESK);
        actors.put("patient2 (other patient)", Actors.PATIENT2);
        actors.put("caregiver without grant", Actors.caregiver("cg-gen-none"));
        actors.put("clinician other team", Actors.DR_SHAH);
        actors.put("billing", Actors.BILLER);
        actors.put("auditor", Actors.AUDITOR);
        actors.put("admin", Actors.ADMIN);
        actors.put("anonymous", null);
        Set<String> circle = Set.of("patient1 (own)", "caregiver with grant", "clinician in team", "staff in team");

        List<AccessCell> cells = ApiFuzzer.of(base)
                .known("id", threadId).known("threadId", threadId).known("attachmentId", attachmentId)
                .known("patientId", "P-1001").known("subject", "Patient/P-1001")
                .matrix(actors);
        // proxy-grant operations take the grant's id under the same name: a second pass for them
        cells = new java.util.ArrayList<>(cells);
        cells.addAll(ApiFuzzer.of(base).known("id", grantId)
                .include(op -> op.path().startsWith("/api/v1/proxy-grants/"))
                .matrix(actors));
        System.out.println(AccessMatrix.table("messaging-service", cells));

        long operations = AccessMatrix.operations(cells);
        assertTrue(operations >= 20, "the matrix covers " + operations + " operations");
        assertEquals(List.of(), AccessMatrix.serverErrors(cells), "no 5xx");
        assertEquals(List.of(), cells.stream().filter(c -> c.status() == 401 && !"anonymous".equals(c.actor()))
                .map(c -> c.operation() + " as " + c.actor()).toList(), "a signed-in actor was treated as anonymous");
        assertEquals(List.of(), AccessMatrix.leaks(cells, circle, List.of(SUBJECT, BODY)),
                "P-1001's text shown outside its circle");
        assertEquals(List.of(), AccessMatrix.unaudited(cells, GeneratedAccessMatrixTest::deniedAudited),
                "refusals without a DENIED audit record");
    }

    private static boolean deniedAudited(String requestId) {
        List<AccessRecorded> audits = TestDatabase.auditedAccessesOfRequest(requestId);
        return audits.stream().anyMatch(a -> a.outcome() == AuditOutcome.DENIED);
    }
}
