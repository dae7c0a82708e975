package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.Topics;
import org.careline.messaging.service.SafeContext;
import org.careline.platform.outbox.OutboxRelay;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.RelayedEvents;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash between commit and publish loses nothing: with the relay down (this instance never relays,
 * as if it died right after the commit), a reply's events sit committed in the outbox; a relay that
 * starts afterwards publishes each of them to the real Kafka broker exactly as stored.
 */
@QuarkusTest
@TestProfile(OutboxCrashTest.RelayDown.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class OutboxCrashTest {

    /** The relay never runs on this instance; the inactivity check runs every second (InactivitySchedulerTest). */
    public static class RelayDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("careline.outbox.relay-enabled", "false",
                    "careline.messaging.close-check-every", "1s",
                    "careline.messaging.close-check-delay", "1s");
        }
    }

    @Inject
    OutboxRelay relay;

    @Inject
    SafeContext context;

    private final EventCodec codec = new EventCodec();

    @Test
    void eventsCommittedBeforeTheCrashArePublishedExactlyAsStoredAfterRestart() {
        String threadId = Actors.openThread(Actors.PATIENT1, Actors.NEW_THREAD);
        Actors.reply(Actors.DR_LEE, threadId, "{\"body\":\"On it.\",\"timeSpentMinutes\":5}").then().statusCode(201);

        List<String[]> stored = unpublished(threadId);
        // thread-opened, 2 x message-posted, thread-replied, time-logged
        assertEquals(5, stored.size(), "the committed events wait in the outbox");

        int published = 0;
        int sent;
        do {
            sent = context.run(relay::relayBatch).await().atMost(Duration.ofSeconds(60));
            published += sent;
        } while (sent > 0);
        assertTrue(published >= stored.size());
        assertTrue(unpublished(threadId).isEmpty(), "every row is marked published");

        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())) {
            for (String[] row : stored) {
                String topic = row[0];
                String payload = row[1];
                CloudEvent event = codec.read(payload);
                ConsumerRecord<String, String> record = RelayedEvents.awaitRecord(kafka, topic,
                        r -> r.value().equals(payload), Duration.ofSeconds(30));
                assertEquals(threadId, record.key());
                assertEquals(event.type(), new String(record.headers().lastHeader(CloudEvent.TYPE_HEADER).value(),
                        StandardCharsets.UTF_8));
            }
            assertFalse(stored.stream().filter(r -> !r[0].equals(Topics.MESSAGING_MESSAGES))
                    .anyMatch(r -> r[1].contains("On it.")), "only the messages topic carries text");
        }
    }

    /** Topic and payload of the thread's unpublished events (keyed by thread id), in outbox order. */
    private static List<String[]> unpublished(String threadId) {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select topic, payload from outbox_event where record_key = ?"
                     + " and published_at is null order by id")) {
            s.setString(1, threadId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
