package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.awaitility.Awaitility;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The scheduler runs the closing on its own (here every second) and closes a thread idle for 40 days. */
@QuarkusTest
@TestProfile(OutboxCrashTest.RelayDown.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class InactivitySchedulerTest {

    @Test
    void theSchedulerClosesAnIdleThread() {
        String patient = Actors.patient("patient-idle-2", "P-I2", "family-medicine");
        String idle = Actors.openThread(patient, Actors.NEW_THREAD);
        String active = Actors.openThread(patient, Actors.NEW_THREAD);
        TestDatabase.execute("update message_thread set updated_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(40))), UUID.fromString(idle));

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "CLOSED".equals(given().auth().oauth2(patient).get("/api/v1/threads/{id}", idle).path("status")));
        given().auth().oauth2(patient).get("/api/v1/threads/{id}", active).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("AWAITING_CARE_TEAM"));
    }
}
