package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reassign checks: a queue must be a pool the routing configuration knows for the item's care team (422 naming the
 * valid pools otherwise); a person must be on the team's roster (members triage saw use the work API with the team's
 * group, recently). Only members of the item's team reassign; every attempt is audited.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class ReassignTest {

    private static final String REASSIGN = "/api/v1/queues/items/{id}/reassign";
    private static final String NURSE = TestTokens.clinician("rn.reassign", "RN", "/care-teams/family-medicine/nurse-pool");
    private static final String COLLEAGUE = TestTokens.clinician("rn.colleague", "RN", "/care-teams/family-medicine/nurse-pool");
    private static final String ONCOLOGY_NURSE = TestTokens.clinician("rn.onco", "RN", "/care-teams/oncology/nurse-pool");

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private UUID familyItem() {
        return Fixtures.item(UUID.randomUUID(), "family-medicine", "nurse-pool", "ROUTINE", 3, now.plusSeconds(86400), "m-r");
    }

    private static io.restassured.response.ValidatableResponse reassign(String token, UUID item, Map<String, String> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(REASSIGN, item).then();
    }

    @Test
    void aQueueMustBeAPoolOfTheItemsCareTeam() {
        UUID item = familyItem();
        reassign(NURSE, item, Map.of("queue", "nurse-poool")).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/unknown-pool"))
                .body("detail", allOf(containsString("family-medicine"), containsString("nurse-pool"),
                        containsString("physicians"), containsString("billing-office"), not(containsString("oncology-nurses")),
                        not(containsString("nurse-poool"))))
                .body(not(containsString("P-1001")));
        // oncology's own pool (a routing-table route for oncology) is not family medicine's
        reassign(NURSE, item, Map.of("queue", "oncology-nurses")).statusCode(422);
        reassign(NURSE, item, Map.of("queue", "physicians")).statusCode(200).body("queue", equalTo("physicians"));

        UUID oncology = Fixtures.item(UUID.randomUUID(), "oncology", "nurse-pool", "URGENT", 2, now.plusSeconds(3600), "m-o");
        reassign(ONCOLOGY_NURSE, oncology, Map.of("queue", "oncology-nurses")).statusCode(200)
                .body("queue", equalTo("oncology-nurses"));
        assertEquals(List.of("FAILED", "FAILED", "SUCCESS"), Fixtures.auditOutcomes("QueueItem/" + item));
    }

    @Test
    void aPersonMustBeAKnownRecentMemberOfTheItemsCareTeam() {
        UUID item = familyItem();
        // nobody triage has seen
        reassign(NURSE, item, Map.of("assignee", "sub-rn.nobody")).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://careline.dev/problems/unknown-assignee"))
                .body(not(containsString("P-1001")));
        // a clinician of another team who used the work list is not a member of this one
        given().auth().oauth2(TriageResourceTest.CARDIOLOGIST).get("/api/v1/queues").then().statusCode(200);
        reassign(NURSE, item, Map.of("assignee", "sub-dr.shah")).statusCode(422);
        // a member last seen longer ago than the roster keeps them (30 days)
        TestDatabase.execute("insert into care_team_member (care_team, user_id, last_seen_at) values (?, ?, ?)",
                "family-medicine", "sub-rn.left-long-ago", Timestamp.from(now.minus(40, ChronoUnit.DAYS)));
        reassign(NURSE, item, Map.of("assignee", "sub-rn.left-long-ago")).statusCode(422);
        // a colleague who used the work list with the team's group
        given().auth().oauth2(COLLEAGUE).get("/api/v1/queues").then().statusCode(200);
        reassign(NURSE, item, Map.of("assignee", "sub-rn.colleague")).statusCode(200)
                .body("assignee", equalTo("sub-rn.colleague"));
        // both at once: checked together, nothing changes when one is wrong
        reassign(NURSE, item, Map.of("assignee", "sub-rn.colleague", "queue", "nope-pool")).statusCode(422);
        reassign(NURSE, item, Map.of("assignee", "sub-rn.reassign", "queue", "refill-pool")).statusCode(200)
                .body("queue", equalTo("refill-pool")).body("assignee", equalTo("sub-rn.reassign"));
        assertEquals(List.of("FAILED", "FAILED", "FAILED", "SUCCESS", "FAILED", "SUCCESS"),
                Fixtures.auditOutcomes("QueueItem/" + item));
    }

    @Test
    void onlyMembersOfTheItemsCareTeamReassignAndEveryAttemptIsAudited() {
        UUID item = familyItem();
        reassign(TriageResourceTest.CARDIOLOGIST, item, Map.of("queue", "physicians")).statusCode(404)
                .body(not(containsString("P-1001")));
        reassign(ONCOLOGY_NURSE, item, Map.of("assignee", "sub-rn.onco")).statusCode(404);
        reassign(TriageResourceTest.PATIENT1, item, Map.of("queue", "physicians")).statusCode(403);
        reassign(TriageResourceTest.BILLER, item, Map.of("queue", "billing-office")).statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("queue", "physicians")).post(REASSIGN, item).then().statusCode(401);
        List<String> outcomes = Fixtures.auditOutcomes("QueueItem/" + item);
        assertEquals(List.of("DENIED", "DENIED"), outcomes.subList(0, 2), "the other teams' attempts");
        // the item did not move
        try (var c = TestDatabase.connect();
             var s = c.prepareStatement("select queue, assignee from queue_item where id = ?")) {
            s.setObject(1, item);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertEquals("nurse-pool", rs.getString(1));
                assertEquals(null, rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
