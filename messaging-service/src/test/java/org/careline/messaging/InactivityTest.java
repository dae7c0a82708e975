package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.EventType;
import org.careline.events.ThreadClosed;
import org.careline.messaging.service.InactivityService;
import org.careline.messaging.service.SafeContext;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Threads close after 30 days without activity. The closing runs at a fixed instant (as the scheduler
 * would with a fixed clock); the threads' last activity is set in the past.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class InactivityTest {

    private static final Instant LAST_ACTIVITY = Instant.parse("2026-01-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(LAST_ACTIVITY.plus(Duration.ofDays(30)).plusSeconds(1), ZoneOffset.UTC);

    @Inject
    InactivityService inactivity;

    @Inject
    SafeContext context;

    @Test
    void aThreadInactiveForThirtyDaysClosesAndAYoungerOneStaysOpen() {
        String patient = Actors.patient("patient-idle-1", "P-I1", "family-medicine");
        String idle = Actors.openThread(patient, Actors.NEW_THREAD);
        String recent = Actors.openThread(patient, Actors.NEW_THREAD);
        setLastActivity(idle, LAST_ACTIVITY);
        setLastActivity(recent, LAST_ACTIVITY.plus(Duration.ofDays(1)));

        int closed = context.run(() -> inactivity.closeInactive(CLOCK.instant())).await().atMost(Duration.ofSeconds(60));

        assertEquals(1, closed);
        given().auth().oauth2(patient).get("/api/v1/threads/{id}", idle).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedAt", notNullValue());
        given().auth().oauth2(patient).get("/api/v1/threads/{id}", recent).then().statusCode(200)
                .body("status", equalTo("AWAITING_CARE_TEAM"));

        List<ThreadClosed> events = Outboxes.events(EventType.THREAD_CLOSED, idle, ThreadClosed.class);
        assertEquals(1, events.size());
        assertEquals("INACTIVITY", events.get(0).reason());
        assertEquals(LAST_ACTIVITY, events.get(0).lastActivityAt());
        assertEquals(CLOCK.instant(), events.get(0).closedAt());
        List<AccessRecorded> audits = TestDatabase.auditedAccesses("Thread/" + idle);
        AccessRecorded update = audits.stream().filter(a -> a.action() == AuditAction.UPDATE).findFirst().orElseThrow();
        assertEquals("messaging-service", update.userId());
        assertEquals("P-I1", update.patientId());

        // running again closes nothing more
        assertEquals(0, context.run(() -> inactivity.closeInactive(CLOCK.instant())).await().atMost(Duration.ofSeconds(60)));
    }

    @Test
    void theRuleCountsFromTheLastActivity() {
        Duration period = Duration.ofDays(30);
        Instant now = CLOCK.instant();
        assertEquals(true, InactivityService.isInactive(LAST_ACTIVITY, now, period));
        assertEquals(false, InactivityService.isInactive(LAST_ACTIVITY.plusSeconds(1), now, period));
        assertEquals(false, InactivityService.isInactive(LAST_ACTIVITY.plus(Duration.ofDays(1)), now, period));
    }

    private static void setLastActivity(String threadId, Instant at) {
        TestDatabase.execute("update message_thread set updated_at = ? where id = ?", Timestamp.from(at),
                UUID.fromString(threadId));
    }
}
