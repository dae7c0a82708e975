package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.careline.audit.AuditFixtures.ADMIN;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.BILLER;
import static org.careline.audit.AuditFixtures.CAREGIVER;
import static org.careline.audit.AuditFixtures.CLINICIAN;
import static org.careline.audit.AuditFixtures.PATIENT;
import static org.careline.audit.AuditFixtures.STAFF;

/**
 * Every endpoint against every role: only auditors query the trail, only patients read their own access log,
 * only clinicians break the glass. Everyone else gets 403 problem+json, no token 401.
 */
@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuthorizationMatrixTest {

    private static final Map<String, String> ROLES = Map.of("auditor", AUDITOR, "patient", PATIENT,
            "caregiver", CAREGIVER, "clinician", CLINICIAN, "staff", STAFF, "billing", BILLER, "admin", ADMIN);

    /** endpoint, the one role allowed, and the status that role gets. */
    record Endpoint(String name, String allowed, int allowedStatus, java.util.function.Function<RequestSpecification,
            io.restassured.response.Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Endpoint> endpoints() {
        String chain = "careline.audit.records/0";
        return List.of(
                new Endpoint("GET events", "auditor", 200, r -> r.get("/api/v1/audit/events")),
                new Endpoint("GET verify", "auditor", 200, r -> r.queryParam("chainId", chain).get("/api/v1/audit/verify")),
                new Endpoint("GET fhir", "auditor", 200, r -> r.get("/api/v1/audit/fhir/AuditEvent")),
                new Endpoint("GET disclosures", "auditor", 200,
                        r -> r.queryParam("patientId", "P-1001").get("/api/v1/audit/disclosures")),
                new Endpoint("GET break-glass", "auditor", 200, r -> r.get("/api/v1/audit/break-glass")),
                new Endpoint("GET my-access-log", "patient", 200, r -> r.get("/api/v1/audit/my-access-log")),
                new Endpoint("POST break-glass", "clinician", 201, r -> r.contentType("application/json")
                        .body(Map.of("patientId", "P-1002", "reason", "matrix test")).post("/api/v1/audit/break-glass")));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            ROLES.forEach((role, token) -> cases.add(Arguments.of(endpoint, role, token)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void onlyTheIntendedRoleGetsIn(Endpoint endpoint, String role, String token) {
        int expected = role.equals(endpoint.allowed()) ? endpoint.allowedStatus() : 403;
        var response = endpoint.call().apply(given().auth().oauth2(token)).then().statusCode(expected);
        if (expected == 403) {
            response.contentType("application/problem+json");
        }
    }

    static Stream<Endpoint> anonymous() {
        return endpoints().stream();
    }

    @ParameterizedTest(name = "{0} without token")
    @MethodSource("anonymous")
    void noTokenIs401(Endpoint endpoint) {
        endpoint.call().apply(given()).then().statusCode(401).contentType("application/problem+json");
    }
}
