package org.careline.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.careline.events.ParticipantRole;
import org.careline.messaging.repository.MessageRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.messaging.service.MessageFollowUps;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Follow-up patient messages, as the reply flow hands them to {@link MessageFollowUps}: the after-hours
 * reply at most once per thread per hour, none in business hours. Clock: set by the test.
 */
@QuarkusTest
@TestProfile(FixedClockProfile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class FollowUpAutoReplyTest {

    @Inject
    Vertx vertx;
    @Inject
    ThreadRepository threads;
    @Inject
    MessageRepository messages;
    @Inject
    MessageFollowUps followUps;

    @BeforeEach
    void setUp() {
        FixedClockProfile.CLOCK.set(FixedClockProfile.MONDAY_MORNING);
    }

    @Test
    void afterHoursFollowUpsGetOneReplyPerThreadPerHour() throws Exception {
        String id = ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
        assertEquals(List.of("EXPECTATIONS"), autoReplies(id));

        FixedClockProfile.CLOCK.set(Instant.parse("2026-11-23T23:00:00Z")); // Monday 18:00 in New York
        patientWrites(id);
        assertEquals(List.of("EXPECTATIONS", "AFTER_HOURS"), autoReplies(id));

        FixedClockProfile.CLOCK.advance(Duration.ofMinutes(59));
        patientWrites(id);
        assertEquals(2, autoReplies(id).size(), "a second after-hours message within the hour gets no reply");

        FixedClockProfile.CLOCK.advance(Duration.ofMinutes(1));
        patientWrites(id);
        assertEquals(List.of("EXPECTATIONS", "AFTER_HOURS", "AFTER_HOURS"), autoReplies(id));

        FixedClockProfile.CLOCK.set(Instant.parse("2026-11-24T15:00:00Z")); // Tuesday 10:00: open
        patientWrites(id);
        assertEquals(3, autoReplies(id).size(), "a follow-up in business hours gets no automatic reply");

        List<Map<String, Object>> thread = AutoReplyTest.read(id).getList("messages");
        assertEquals(8, thread.size());
        assertTrue(((String) thread.get(3).get("body")).contains("reopen on Tuesday, November 24 at 8:00 AM EST"));
    }

    /** A patient's follow-up message, persisted and handed to the follow-ups as the reply flow does. */
    private void patientWrites(String threadId) throws Exception {
        inTransaction(() -> threads.findById(UUID.fromString(threadId)).chain(thread -> {
            Message message = new Message();
            message.id = UUID.randomUUID();
            message.threadId = thread.id;
            message.authorId = "sub-patient1";
            message.authorRole = ParticipantRole.PATIENT;
            message.body = "One more question";
            message.postedAt = FixedClockProfile.CLOCK.instant();
            return messages.persist(message).chain(() -> followUps.afterPost(thread, message, false));
        }));
    }

    private List<String> autoReplies(String threadId) throws Exception {
        return inTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select kind from auto_reply where thread_id = :id order by sent_at", String.class)
                .setParameter("id", UUID.fromString(threadId))
                .getResultList()));
    }

    /** Runs {@code work} in a transaction on a fresh Vert.x duplicated context, as Hibernate Reactive requires. */
    private <T> T inTransaction(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withTransaction(work).subscribe()
                .with(result::complete, result::completeExceptionally));
        return result.get(30, TimeUnit.SECONDS);
    }
}
