package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.careline.testsupport.fuzz.ApiFuzzer;
import org.careline.testsupport.fuzz.FuzzReport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed input against every operation of the audit OpenAPI document (derived from the
 * document, so new endpoints are covered without a list here): never a 5xx, every 4xx a problem+json without
 * stack traces or patient data, and the service healthy afterwards. Prints the requests tried per operation.
 * Its own profile gives it a fresh application and database, so the data it creates never reaches other tests.
 */
@QuarkusTest
@TestProfile(AuditFuzzTest.Isolated.class)
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuditFuzzTest {

    /** A profile of its own: a fresh application and database for the fuzz run. */
    public static class Isolated implements QuarkusTestProfile {
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationSurvivesHostileInput() {
        String auditor = token("auditor1", "auditor").groups("/compliance").sign();
        String clinician = token("dr.lee", "clinician").claim("credential", "MD")
                .groups("/care-teams/family-medicine/physicians").sign();
        String patient = token("patient1", "patient").claim("patient_id", "P-1001")
                .claim("care_team", "family-medicine").sign();
        String admin = token("admin1", "admin").sign();

        FuzzReport report = ApiFuzzer.of(base).named("audit-service")
                .tokens(auditor, clinician, patient, admin)
                .known("patientId", "P-1001")
                .run();
        System.out.println(report.summary());

        assertTrue(report.total() >= 20 * report.perOperation().size(), "the run tried " + report.total() + " requests");
        assertEquals(0, report.failures().size(), report::summary);
        assertTrue(report.healthyAfter(), "readiness after the run");
    }

    /** A token that outlives a slow run (TestTokens' default lasts five minutes). */
    private static TestTokens.Builder token(String username, String role) {
        return TestTokens.user(username).roles(role).expiresAt(Instant.now().plus(1, ChronoUnit.HOURS).getEpochSecond());
    }
}
