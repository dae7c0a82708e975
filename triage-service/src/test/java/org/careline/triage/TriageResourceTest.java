package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who may read a thread's triage record. Rows are seeded with SQL; the consumer has its own test. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class TriageResourceTest {

    static final String DR_LEE = TestTokens.clinician("dr.lee", "MD", "/care-teams/family-medicine/physicians");
    static final String FRONT_DESK = TestTokens.user("frontdesk1").roles("staff")
            .groups("/care-teams/family-medicine/front-desk").sign();
    static final String CARDIOLOGIST = TestTokens.clinician("dr.shah", "MD", "/care-teams/cardiology/physicians");
    static final String PATIENT1 = TestTokens.patient("patient1", "P-1001", "family-medicine");
    static final String BILLER = TestTokens.user("biller1").roles("billing").groups("/billing-office").sign();
    static final String PATH = "/api/v1/triage/threads/{id}";

    /** A family-medicine thread with two decisions (the newer one urgent) and an open queue item. */
    private UUID seedThread() {
        UUID threadId = UUID.randomUUID();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Fixtures.decision(threadId, "m-old-" + threadId, "P-1001", "family-medicine", "ROUTINE", "MEDICATION", t);
        Fixtures.decision(threadId, "m-new-" + threadId, "P-1001", "family-medicine", "URGENT", "CLINICAL",
                t.plusSeconds(60));
        Fixtures.openItem(threadId, "P-1001", "family-medicine", "nurse-pool", "URGENT", "m-new-" + threadId, t);
        return threadId;
    }

    @Test
    void aClinicianOfTheCareTeamReadsDecisionsNewestFirstAndTheQueueItem() {
        UUID threadId = seedThread();

        given().auth().oauth2(DR_LEE).get(PATH, threadId.toString())
                .then().statusCode(200)
                .body("threadId", equalTo(threadId.toString()))
                .body("patientId", equalTo("P-1001"))
                .body("careTeam", equalTo("family-medicine"))
                .body("decisions.messageId", contains("m-new-" + threadId, "m-old-" + threadId))
                .body("decisions[0].urgency", equalTo("URGENT"))
                .body("decisions[0].explanation", equalTo("seeded by a test"))
                .body("queueItem.queue", equalTo("nurse-pool"))
                .body("queueItem.status", equalTo("OPEN"))
                .body("$", not(hasKey("body")))
                .body("$", not(hasKey("subject")));

        assertEquals(List.of("SUCCESS"), Fixtures.auditOutcomes("TriageRecord/" + threadId));
        assertEquals("P-1001", Fixtures.auditedPatient("TriageRecord/" + threadId));
    }

    @Test
    void staffOfTheCareTeamReadsItToo() {
        UUID threadId = seedThread();

        given().auth().oauth2(FRONT_DESK).get(PATH, threadId.toString())
                .then().statusCode(200).body("decisions", hasSize(2));
    }

    @Test
    void anotherTeamGetsExactlyTheUnknownThreadAnswerAndTheDenialIsAudited() {
        UUID threadId = seedThread();
        String unknownId = UUID.randomUUID().toString();

        Response other = given().auth().oauth2(CARDIOLOGIST).header("X-Request-Id", "same")
                .get(PATH, threadId.toString());
        Response unknown = given().auth().oauth2(CARDIOLOGIST).header("X-Request-Id", "same")
                .get(PATH, unknownId);

        other.then().statusCode(404).contentType("application/problem+json");
        unknown.then().statusCode(404).contentType("application/problem+json");
        assertEquals(unknown.asString().replace(unknownId, threadId.toString()), other.asString());
        assertEquals(List.of("DENIED"), Fixtures.auditOutcomes("TriageRecord/" + threadId));
        assertEquals("P-1001", Fixtures.auditedPatient("TriageRecord/" + threadId));
        assertEquals(List.of("FAILED"), Fixtures.auditOutcomes("TriageRecord/" + unknownId));
    }

    @Test
    void patientsAndBillingAreForbidden() {
        UUID threadId = seedThread();

        given().auth().oauth2(PATIENT1).get(PATH, threadId.toString())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(BILLER).get(PATH, threadId.toString())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void noTokenIs401() {
        given().get(PATH, seedThread().toString())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void unknownAndMalformedIdsAre404Problems() {
        given().auth().oauth2(DR_LEE).get(PATH, UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json").body("requestId", notNullValue());
        given().auth().oauth2(DR_LEE).get(PATH, "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
