package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role against every endpoint, on the data of patient P-1001 (own data for patient1, someone
 * else's for patient2): the status, and that each access left an audit record with the right outcome
 * (SUCCESS for 2xx, DENIED or FAILED for every refusal) in the same request.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuthorizationMatrixTest {

    /** The actors, in the column order of the table below. */
    private static final Map<String, String> ACTORS = new LinkedHashMap<>();

    static {
        ACTORS.put("patient1", Actors.PATIENT1);
        ACTORS.put("patient2", Actors.PATIENT2);
        ACTORS.put("caregiver", Actors.caregiver("cg-matrix-granted"));
        ACTORS.put("caregiverNoGrant", Actors.caregiver("cg-matrix-none"));
        ACTORS.put("caregiverExpired", Actors.caregiver("cg-matrix-expired"));
        ACTORS.put("clinicianInTeam", Actors.DR_LEE);
        ACTORS.put("clinicianOutOfTeam", Actors.DR_SHAH);
        ACTORS.put("staff", Actors.FRONT_DESK);
        ACTORS.put("billing", Actors.BILLER);
        ACTORS.put("auditor", Actors.AUDITOR);
        ACTORS.put("admin", Actors.ADMIN);
    }

    /**
     * Expected status per endpoint, one per actor in {@link #ACTORS} order:
     * p1 p2 cg cg-none cg-expired lee shah staff billing auditor admin.
     */
    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET thread", new int[]{200, 404, 200, 404, 404, 200, 404, 200, 403, 403, 403});
        EXPECTED.put("POST reply", new int[]{201, 404, 201, 404, 404, 201, 404, 201, 403, 403, 403});
        EXPECTED.put("POST read", new int[]{200, 404, 200, 404, 404, 200, 404, 200, 403, 403, 403});
        EXPECTED.put("GET threads?patientId", new int[]{200, 403, 200, 403, 403, 200, 200, 200, 403, 403, 403});
        EXPECTED.put("POST thread for patient", new int[]{201, 403, 201, 403, 403, 201, 403, 201, 403, 403, 403});
        EXPECTED.put("GET fhir Communication", new int[]{200, 403, 200, 403, 403, 200, 200, 200, 403, 403, 403});
        EXPECTED.put("POST proxy-grant", new int[]{403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 201});
        EXPECTED.put("GET proxy-grants", new int[]{403, 403, 200, 200, 200, 403, 403, 200, 403, 403, 200});
        EXPECTED.put("GET proxy-grant", new int[]{404, 404, 200, 404, 404, 404, 404, 200, 404, 404, 200});
        EXPECTED.put("PUT proxy-grant", new int[]{403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200});
        EXPECTED.put("DELETE proxy-grant", new int[]{403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200});
        EXPECTED.put("POST attachment", new int[]{201, 404, 201, 404, 404, 201, 404, 201, 403, 403, 403});
        EXPECTED.put("GET attachments", new int[]{200, 404, 200, 404, 404, 200, 404, 200, 403, 403, 403});
        EXPECTED.put("GET attachment", new int[]{200, 404, 200, 404, 404, 200, 404, 200, 403, 403, 403});
    }

    /** The smallest file the service accepts as PNG: its signature and a few bytes. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

    private static String threadId;
    private static String grantId;
    private static String attachmentId;

    @BeforeEach
    void seed() {
        if (threadId != null) {
            return;
        }
        threadId = Actors.openThread(Actors.PATIENT1, Actors.NEW_THREAD);
        grantId = Actors.grant("cg-matrix-granted", "P-1001", "READ_WRITE");
        Actors.expiredGrant("cg-matrix-expired", "P-1001");
        attachmentId = upload(given().auth().oauth2(Actors.PATIENT1)).then().statusCode(201).extract().path("id");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        EXPECTED.forEach((endpoint, statuses) -> {
            List<String> names = new ArrayList<>(ACTORS.keySet());
            for (int i = 0; i < names.size(); i++) {
                cases.add(Arguments.of(endpoint, names.get(i), statuses[i]));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void everyRoleAgainstEveryEndpoint(String endpoint, String actor, int expected) {
        String requestId = "matrix-" + UUID.randomUUID();
        RequestSpecification request = given().auth().oauth2(ACTORS.get(actor)).header("X-Request-Id", requestId);
        Response response = call(endpoint).apply(request);

        assertEquals(expected, response.statusCode(), () -> endpoint + " as " + actor + ": " + response.asString());
        if (expected >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"));
            assertFalse(response.asString().contains("albuterol"), "a refusal never shows message text");
        }
        List<AccessRecorded> audits = Outboxes.auditsOfRequest(requestId);
        assertFalse(audits.isEmpty(), () -> endpoint + " as " + actor + " left no audit record");
        AccessRecorded last = audits.get(audits.size() - 1);
        if (expected < 400) {
            assertTrue(audits.stream().allMatch(a -> a.outcome() == AuditOutcome.SUCCESS));
        } else {
            assertTrue(last.outcome() == AuditOutcome.DENIED || last.outcome() == AuditOutcome.FAILED,
                    () -> endpoint + " as " + actor + " audited as " + last.outcome());
            assertEquals(1, audits.size(), "a refusal writes nothing but its audit record");
        }
    }

    private static Function<RequestSpecification, Response> call(String endpoint) {
        return switch (endpoint) {
            case "GET thread" -> r -> r.get("/api/v1/threads/{id}", threadId);
            case "POST reply" -> r -> r.contentType(ContentType.JSON).body("{\"body\":\"Any news?\"}")
                    .post("/api/v1/threads/{id}/messages", threadId);
            case "POST read" -> r -> r.post("/api/v1/threads/{id}/read", threadId);
            case "GET threads?patientId" -> r -> r.queryParam("patientId", "P-1001").get("/api/v1/threads");
            case "POST thread for patient" -> r -> r.contentType(ContentType.JSON).body("""
                    {"subject":"Hello","body":"A note","topic":"OTHER","patientId":"P-1001","careTeam":"family-medicine"}""")
                    .post("/api/v1/threads");
            case "GET fhir Communication" -> r -> r.queryParam("subject", "Patient/P-1001")
                    .get("/api/v1/fhir/Communication");
            case "POST proxy-grant" -> r -> r.contentType(ContentType.JSON).body("""
                    {"caregiver":"cg-matrix-other","patientId":"P-1001","scope":"READ","expiresAt":"2099-01-01T00:00:00Z"}""")
                    .post("/api/v1/proxy-grants");
            case "GET proxy-grants" -> r -> r.get("/api/v1/proxy-grants");
            case "GET proxy-grant" -> r -> r.get("/api/v1/proxy-grants/{id}", grantId);
            case "PUT proxy-grant" -> r -> r.contentType(ContentType.JSON).body("""
                    {"caregiver":"cg-matrix-granted","patientId":"P-1001","scope":"READ_WRITE","expiresAt":"2099-01-01T00:00:00Z"}""")
                    .put("/api/v1/proxy-grants/{id}", grantId);
            case "DELETE proxy-grant" -> r -> r.delete("/api/v1/proxy-grants/{id}", extraGrant());
            case "POST attachment" -> AuthorizationMatrixTest::upload;
            case "GET attachments" -> r -> r.get("/api/v1/threads/{id}/attachments", threadId);
            case "GET attachment" -> r -> r.get("/api/v1/threads/{id}/attachments/{attachmentId}", threadId,
                    attachmentId);
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private static Response upload(RequestSpecification request) {
        return request.contentType("application/octet-stream").body(PNG)
                .post("/api/v1/threads/{id}/attachments", threadId);
    }

    /** A grant of its own for each revocation, so that revoking never changes the other cases. */
    private static String extraGrant() {
        return Actors.grant("cg-matrix-revocable", "P-1001", "READ");
    }
}
