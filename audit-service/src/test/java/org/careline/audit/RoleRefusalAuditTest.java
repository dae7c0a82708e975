package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.CLINICIAN;
import static org.careline.audit.AuditFixtures.search;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * careline-platform's mechanism: a request refused by {@code @RolesAllowed} (403), or without a valid token
 * (401), is audited as DENIED through the outbox, in every service. Shown here on an audit-service endpoint.
 */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class RoleRefusalAuditTest {

    @Test
    void aRoleRefusalIsAuditedAsDeniedThroughTheOutboxAndReachesTheStore() {
        String requestId = "req-" + UUID.randomUUID();
        given().auth().oauth2(CLINICIAN).header("X-Request-Id", requestId).get("/api/v1/audit/verify")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("/forbidden"))
                .body("requestId", equalTo(requestId));

        AccessRecorded denied = deniedIn("AuditChain", requestId);
        assertEquals("sub-dr.lee", denied.userId());
        assertEquals("dr.lee", denied.username());
        assertEquals("clinician", denied.role());
        assertEquals("careline-web", denied.clientId());
        assertEquals("audit-service", denied.service());
        assertEquals(AuditAction.QUERY, denied.action());
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals("TREAT", denied.purposeOfUse());
        // and it travels through Kafka into the store like every other record
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                search(AUDITOR, Map.of("userId", "sub-dr.lee", "outcome", "DENIED", "limit", "200"))
                        .then().statusCode(200).body("items.requestId", hasItem(requestId)));
    }

    @Test
    void aRequestWithoutTokenIsAuditedAsDeniedToAnonymous() {
        String requestId = "req-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).queryParam("patientId", "P-1001").get("/api/v1/audit/events")
                .then().statusCode(401)
                .contentType("application/problem+json");

        AccessRecorded denied = deniedIn("AuditEvent", requestId);
        assertEquals("anonymous", denied.userId());
        assertEquals("P-1001", denied.patientId());
        assertEquals(AuditAction.QUERY, denied.action());
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertNull(denied.username());
    }

    /** The DENIED record of this request in the outbox (committed before the answer was sent). */
    private static AccessRecorded deniedIn(String subject, String requestId) {
        return TestDatabase.auditedAccesses(subject).stream()
                .filter(a -> requestId.equals(a.requestId()))
                .reduce((a, b) -> {
                    throw new AssertionError("two records for one refusal");
                })
                .orElseThrow(() -> new AssertionError("no audit record of the refusal"));
    }
}
