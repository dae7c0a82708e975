package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.fuzz.ApiFuzzer;
import org.careline.testsupport.fuzz.FuzzReport;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed input against every operation of the messaging OpenAPI document (derived from the
 * document, so new endpoints are covered without a list here): never a 5xx, every 4xx a problem+json without
 * stack traces or patient data, and the service healthy afterwards. Prints the requests tried per operation.
 * Its own profile gives it a fresh application and database, so the data it creates never reaches other tests.
 */
@QuarkusTest
@TestProfile(MessagingFuzzTest.Isolated.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class MessagingFuzzTest {

    /** A profile of its own: a fresh application and database for the fuzz run. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final String PHI_BODY = "Wheezing since Tuesday, albuterol not helping";

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationSurvivesHostileInput() {
        String threadId = Actors.openThread(Actors.PATIENT1, """
                {"subject":"Breathing trouble","body":"%s","topic":"MEDICATION"}""".formatted(PHI_BODY));
        String grantId = Actors.grant("cg-fuzz", "P-1001", "READ_WRITE");

        FuzzReport report = ApiFuzzer.of(base).named("messaging-service")
                .tokens(Actors.PATIENT1, Actors.DR_LEE, Actors.FRONT_DESK, Actors.ADMIN)
                .known("id", threadId, grantId)
                .known("patientId", "P-1001")
                .plantedPhi(PHI_BODY, "Breathing trouble")
                .run();
        System.out.println(report.summary());

        assertTrue(report.total() >= 20 * report.perOperation().size(), "the run tried " + report.total() + " requests");
        assertEquals(0, report.failures().size(), report::summary);
        assertTrue(report.healthyAfter(), "readiness after the run");
    }
}
