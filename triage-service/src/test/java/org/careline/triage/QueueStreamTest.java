package org.careline.triage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.careline.triage.config.TriageConfig;
import org.careline.triage.service.QueueChangeLog;
import org.careline.triage.service.QueueChanges;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live stream across instances: changes another instance commits (simulated by writing the shared change log
 * from a separate JDBC connection, as another triage instance's transaction does: the trigger NOTIFYs at commit)
 * reach this instance's SSE clients; rolled-back ones never do; Last-Event-ID replays exactly what was missed; a
 * caller of another care team sees none of it; the listener survives a lost connection.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class QueueStreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** The first change on a new stream: its subscription and the listener's may still be settling on a busy machine. */
    private static final Duration FIRST_DEADLINE = Duration.ofSeconds(90);
    private static final String TEAM = "stream-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER_TEAM = "other-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MEMBER = TestTokens.clinician("rn.stream", "RN", "/care-teams/" + TEAM + "/nurse-pool");
    private static final String OUTSIDER = TestTokens.clinician("dr.other", "MD", "/care-teams/" + OTHER_TEAM + "/physicians");

    @Inject
    QueueChanges changes;

    @Inject
    QueueChangeLog changeLog;

    @Inject
    TriageConfig config;

    @Inject
    io.vertx.core.Vertx vertx;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    /** Commits a change of an item of {@code team} from another connection, as another instance does; returns the item id. */
    private static UUID commitElsewhere(String team) {
        try (Connection c = TestDatabase.connect()) {
            return insert(c, team);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID insert(Connection c, String team) throws SQLException {
        UUID item = UUID.randomUUID();
        try (var s = c.prepareStatement("insert into queue_change (change, item_id, thread_id, care_team, queue, urgency,"
                + " priority, due_at, status, assignee, actor, at) values ('CLAIMED', ?, ?, ?, 'nurse-pool', 'URGENT', 2, ?,"
                + " 'OPEN', 'sub-rn.elsewhere', 'sub-rn.elsewhere', ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            s.setObject(1, item);
            s.setObject(2, UUID.randomUUID());
            s.setString(3, team);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.executeUpdate();
        }
        return item;
    }

    private static long seqOf(UUID item) {
        try (Connection c = TestDatabase.connect();
             var s = c.prepareStatement("select seq from queue_change where item_id = ?")) {
            s.setObject(1, item);
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next(), "the change was logged");
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits (polling every 300 ms, up to {@link #FIRST_DEADLINE}) until {@code attempt} sees its change on the freshly
     * opened stream, which subscribes asynchronously; on timeout the failure says where the change got stuck.
     */
    private void awaitFirst(SseClient client, java.util.concurrent.Callable<Boolean> attempt) {
        try {
            await().atMost(FIRST_DEADLINE).pollInterval(Duration.ofMillis(300)).until(attempt);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no change reached the stream within " + FIRST_DEADLINE + ": HTTP status "
                    + client.status + ", " + client.lines.size() + " lines, " + client.heartbeats() + " heartbeats, "
                    + client.events.size() + " events; listener subscriptions " + changes.subscriptions()
                    + ", changes passed on " + changes.delivered() + ", live subscribers " + changes.subscribers(), e);
        }
    }

    @Test
    void aChangeCommittedByAnotherInstanceReachesTheStreamAndARolledBackOneNever() throws Exception {
        try (SseClient member = SseClient.open(MEMBER); SseClient outsider = SseClient.open(OUTSIDER)) {
            List<UUID> rolledBack = new java.util.concurrent.CopyOnWriteArrayList<>();
            // the stream subscribes asynchronously: roll one back and commit one until a committed one arrives
            UUID[] committed = new UUID[1];
            awaitFirst(member, () -> {
                try (Connection c = TestDatabase.connect()) {
                    c.setAutoCommit(false);
                    rolledBack.add(insert(c, TEAM));
                    c.rollback();
                }
                committed[0] = commitElsewhere(TEAM);
                return member.saw(committed[0].toString());
            });
            SseClient.Event event = member.changes().stream().filter(e -> e.data().contains(committed[0].toString()))
                    .findFirst().orElseThrow();
            assertEquals(Long.toString(seqOf(committed[0])), event.id(), "the event's id is the log's id");
            assertTrue(event.data().contains("\"careTeam\":\"" + TEAM + "\"") && event.data().contains("\"change\":\"CLAIMED\""),
                    event.data());
            // a later committed change proves the stream went on past the rolled-back ones, which never came
            UUID after = commitElsewhere(TEAM);
            await().atMost(DEADLINE).until(() -> member.saw(after.toString()));
            for (UUID item : rolledBack) {
                assertFalse(member.saw(item.toString()), "a rolled-back change is never announced");
            }
            // the other team's caller: its own team's change arrives, none of this team's
            UUID own = commitElsewhere(OTHER_TEAM);
            await().atMost(DEADLINE).until(() -> outsider.saw(own.toString()));
            assertTrue(outsider.events.stream().noneMatch(e -> e.data().contains(TEAM)), "another team's changes");
            assertTrue(member.events.stream().noneMatch(e -> e.data().contains(OTHER_TEAM)));
        }
    }

    @Test
    void lastEventIdReplaysExactlyTheMissedEventsInOrderAndOnlyTheCallersTeam() {
        UUID seen = commitElsewhere(TEAM);
        UUID b = commitElsewhere(TEAM);
        UUID foreign = commitElsewhere(OTHER_TEAM);
        UUID c = commitElsewhere(TEAM);
        UUID d = commitElsewhere(TEAM);
        long lastSeen = seqOf(seen);

        try (SseClient member = SseClient.resume(MEMBER, lastSeen); SseClient outsider = SseClient.resume(OUTSIDER, lastSeen)) {
            await().atMost(DEADLINE).until(() -> member.saw(d.toString()));
            // then a live one: replay and live follow each other with nothing lost or repeated
            UUID live = commitElsewhere(TEAM);
            await().atMost(DEADLINE).until(() -> member.saw(live.toString()));
            List<SseClient.Event> got = member.changes();
            assertEquals(List.of(seqOf(b), seqOf(c), seqOf(d), seqOf(live)),
                    got.stream().map(e -> Long.parseLong(e.id())).toList(), "exactly the missed events, in order");
            assertTrue(got.get(0).data().contains(b.toString()) && got.get(1).data().contains(c.toString())
                    && got.get(2).data().contains(d.toString()));
            assertFalse(member.saw(seen.toString()), "the last seen event is not sent again");
            assertFalse(member.saw(foreign.toString()));

            await().atMost(DEADLINE).until(() -> outsider.saw(foreign.toString()));
            assertEquals(1, outsider.changes().size(), "another team's caller gets its own team's change only");
        }
    }

    @Test
    void anUnknownOrExpiredLastEventIdAsksTheClientToReloadAndABadOneIsAProblem() {
        try (SseClient member = SseClient.resume(MEMBER, 999_999_999L)) {
            await().atMost(DEADLINE).until(() -> member.events.stream().anyMatch(e -> "reset".equals(e.name())));
            assertTrue(member.events.get(0).data().contains("\"reload\":true"), member.lines.toString());
            UUID next = commitElsewhere(TEAM);
            await().atMost(DEADLINE).until(() -> member.saw(next.toString()));
        }
        given().auth().oauth2(MEMBER).header("Last-Event-ID", "yesterday").accept("text/event-stream")
                .get("/api/v1/queues/stream").then().statusCode(400).contentType("application/problem+json")
                .body(containsString("Last-Event-ID"));
    }

    @Test
    void aHeartbeatCommentKeepsAnIdleStreamOpen() {
        try (SseClient member = SseClient.open(MEMBER)) {
            // the test profile sends one every second (20 s by default)
            await().atMost(DEADLINE).until(() -> member.heartbeats() >= 2);
            assertTrue(member.lines.stream().anyMatch(l -> l.equals(": keep-alive") || l.equals(":keep-alive")),
                    member.lines.toString());
        }
        assertTrue(Fixtures.auditOutcomes("QueueItem/stream").contains("SUCCESS"), "opening a stream is audited");
    }

    @Test
    void theListenerReconnectsAfterALostConnectionAndCatchesUp() throws Exception {
        try (SseClient member = SseClient.open(MEMBER)) {
            UUID[] first = new UUID[1];
            awaitFirst(member, () -> {
                first[0] = commitElsewhere(TEAM);
                return member.saw(first[0].toString());
            });
            int before = changes.subscriptions();
            // cut the listener's connection, then commit while it is (probably) still away
            try (Connection c = TestDatabase.connect(); var s = c.createStatement();
                 var rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                         + " where query like 'LISTEN %' and pid <> pg_backend_pid()")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "the listener's connection was found");
            }
            UUID whileAway = commitElsewhere(TEAM);
            await().atMost(DEADLINE).until(() -> changes.subscriptions() > before);
            await().atMost(DEADLINE).until(() -> member.saw(whileAway.toString()));
            UUID afterwards = commitElsewhere(TEAM);
            await().atMost(DEADLINE).until(() -> member.saw(afterwards.toString()));
            assertEquals(1, member.events.stream().filter(e -> e.data().contains(whileAway.toString())).count(),
                    "once, not twice");
        }
    }

    @Test
    void theCleanupDeletesChangesOlderThanTheRetentionOnly() {
        UUID old = commitElsewhere(TEAM);
        UUID recent = commitElsewhere(TEAM);
        TestDatabase.execute("update queue_change set logged_at = now() - interval '25 hours' where item_id = ?", old);

        int deleted = changeLog.deleteOlderThan(Instant.now().minus(config.stream().retention()))
                .await().atMost(DEADLINE);

        assertTrue(deleted >= 1);
        try (Connection c = TestDatabase.connect();
             var s = c.prepareStatement("select count(*) filter (where item_id = ?), count(*) filter (where item_id = ?)"
                     + " from queue_change")) {
            s.setObject(1, old);
            s.setObject(2, recent);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "older than 24 h: deleted");
                assertEquals(1, rs.getInt(2), "recent: kept");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thisInstancesCommittedChangesReachAnotherInstancesListenerAndRefusedOnesDoNot() throws Exception {
        // another instance's listener: a PgSubscriber of its own on the same database and channel
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.vertx.pgclient.PgConnectOptions options = io.vertx.pgclient.PgConnectOptions.fromUri(reactiveUrl)
                .setUser("postgres").setPassword("postgres");
        io.vertx.pgclient.pubsub.PgSubscriber other = io.vertx.pgclient.pubsub.PgSubscriber.subscriber(vertx, options);
        java.util.concurrent.CompletableFuture<Void> listening = new java.util.concurrent.CompletableFuture<>();
        other.channel(QueueChangeLog.CHANNEL).subscribeHandler(v -> listening.complete(null)).handler(received::add);
        other.connect().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        listening.get(30, java.util.concurrent.TimeUnit.SECONDS);
        try {
            String nurse = TestTokens.clinician("rn.here", "RN", "/care-teams/" + TEAM + "/nurse-pool");
            String colleague = TestTokens.clinician("rn.there", "RN", "/care-teams/" + TEAM + "/nurse-pool");
            UUID item = Fixtures.item(UUID.randomUUID(), TEAM, "nurse-pool", "URGENT", 2, Instant.now().plusSeconds(3600), "m-s");
            given().auth().oauth2(nurse).post("/api/v1/queues/items/{id}/claim", item).then().statusCode(200);
            await().atMost(DEADLINE).until(() -> received.stream().anyMatch(p -> p.contains(item.toString())));
            String payload = received.stream().filter(p -> p.contains(item.toString())).findFirst().orElseThrow();
            assertTrue(payload.matches("(?s).*\"seq\"\\s*:\\s*\\d+.*\"change\"\\s*:\\s*\"CLAIMED\".*"), payload);
            assertFalse(payload.contains("P-1001"), "no patient id in the feed");

            // refused (409: held by someone else) and so not changed: audited, never announced
            given().auth().oauth2(colleague).post("/api/v1/queues/items/{id}/claim", item).then().statusCode(409);
            long started = System.nanoTime();
            given().auth().oauth2(nurse).post("/api/v1/queues/items/{id}/release", item).then().statusCode(200);
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> received.stream()
                    .anyMatch(p -> p.contains(item.toString()) && p.contains("\"RELEASED\"")));
            System.out.printf("release request sent -> other instance's listener notified: %d ms (load average %s)%n",
                    (System.nanoTime() - started) / 1_000_000,
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
            assertEquals(2, received.stream().filter(p -> p.contains(item.toString())).count(),
                    "the claim and the release, not the refused claim: " + received);
        } finally {
            other.close();
        }
    }
}
