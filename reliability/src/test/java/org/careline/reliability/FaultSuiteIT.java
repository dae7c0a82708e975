package org.careline.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults on the real local stack, each during a steady stream of patient messages through the gateway, each
 * followed by an exact reconciliation (see {@link Reconciler}) once the stream has drained. Every scenario adds a
 * row to the ledger, printed as it goes and written to {@code target/reliability-ledger.md}.
 *
 * <p>System properties: {@code careline.reliability.messages} per scenario (150), {@code .rate} per second (8),
 * {@code .in-flight} POSTs at most at a time (4),
 * {@code .port-offset} (3000), {@code .keep-stack} (false: stop the stack at the end; true: leave it running, for
 * iterating). The stack's home, {@code target/stack-home}, survives between runs until {@code mvn clean}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final int OFFSET = Integer.getInteger("careline.reliability.port-offset", 3000);
    private static final int MESSAGES = Integer.getInteger("careline.reliability.messages", 150);
    private static final double RATE = Double.parseDouble(System.getProperty("careline.reliability.rate", "8"));
    private static final int IN_FLIGHT = Integer.getInteger("careline.reliability.in-flight", 4);
    private static final boolean KEEP_STACK = Boolean.getBoolean("careline.reliability.keep-stack");
    private static final Path REPO = Path.of(System.getProperty("careline.repo", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = REPO.resolve("reliability").resolve("target");
    /** The gateway answers 504 after 10 s of upstream silence (careline.gateway.timeout); a client waits 15 s. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    /** How long the stream has to drain through Kafka, triage, billing and audit once a fault is over. */
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final Duration READY = Duration.ofMinutes(3);
    private static final String[] USERS = {"patient1", "patient2", "auditor1"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static Tokens tokens;
    private static Reconciler reconciler;
    private static final Ledger LEDGER = new Ledger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 46_656_000L, 36);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger WARM_UPS = new AtomicInteger();
    private static long suiteStarted;

    @BeforeAll
    static void startTheStack() {
        suiteStarted = System.nanoTime();
        stack = new Stack(REPO, TARGET.resolve("stack-home"), OFFSET);
        if (!KEEP_STACK) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::down, "reliability-stack-down"));
        }
        assertTrue(stack.up(), "./careline up failed; see " + stack.log());
        tokens = new Tokens(stack.tokenUrl());
        reconciler = new Reconciler(stack::jdbcUrl);
        warmUp();
    }

    /**
     * A freshly started stack on a busy machine answers its first requests slowly (JIT, connection pools), and
     * the gateway's circuit breaker then refuses the rest for a while: post small batches until one goes
     * through entirely, so that the scenarios measure faults, not a cold start.
     */
    private static void warmUp() {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            tokens.renew(USERS);
            MessageStream batch = new MessageStream(stack.gateway(), tokens,
                    "rel-" + RUN + "-warmup" + WARM_UPS.incrementAndGet() + "-", 4, 2, IN_FLIGHT, CLIENT_TIMEOUT).start();
            return batch.finish().stream().allMatch(o -> o.kind() == MessageStream.Kind.ACCEPTED);
        });
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        long minutes = Duration.ofNanos(System.nanoTime() - suiteStarted).toSeconds();
        LEDGER.write(TARGET.resolve("reliability-ledger.md"), String.format(
                "Run %s: up to %d messages per scenario at %.1f/s, at most %d in flight, client timeout %d s; the suite "
                        + "took %d s (stack start included).", RUN, MESSAGES, RATE, IN_FLIGHT, CLIENT_TIMEOUT.toSeconds(),
                minutes));
        System.out.println(LEDGER.table());
        if (!KEEP_STACK && stack != null) {
            assertTrue(stack.down(), "./careline down failed; see " + stack.log());
        }
    }

    @Test
    @Order(1)
    void baselineWithoutFault() {
        scenario("baseline", "no fault: the reconciliation's control", false, stream -> { });
    }

    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {"messaging", "triage", "billing", "audit", "gateway"})
    @Order(2)
    void killAServiceAndRestartIt(String service) {
        scenario("kill-" + service, "kill -9 " + service + " a quarter into the stream, restart it with ./careline",
                service.equals("gateway"), stream -> {
                    awaitSent(stream, MESSAGES / 4);
                    stack.kill(service);
                    stack.start(service, Map.of());
                });
    }

    @Test
    @Order(3)
    void restartKafka() {
        scenario("restart-kafka", "stop the Kafka broker (SIGTERM), keep it down for 3 s of stream, start it again",
                false, stream -> {
                    awaitSent(stream, MESSAGES / 4);
                    stack.stop("kafka");
                    awaitSent(stream, stream.sent() + (int) (RATE * 3));
                    stack.start("kafka", Map.of());
                });
    }

    @Test
    @Order(4)
    void restartPostgres() {
        scenario("restart-postgres", "stop PostgreSQL (SIGTERM, fast shutdown), keep it down for 3 s of stream, "
                + "start it again", false, stream -> {
                    awaitSent(stream, MESSAGES / 4);
                    stack.stop("postgres");
                    awaitSent(stream, stream.sent() + (int) (RATE * 3));
                    stack.start("postgres", Map.of());
                });
    }

    /**
     * The outbox path, deterministically: messaging runs with its relay held back
     * ({@code CARELINE_OUTBOX_RELAY_ENABLED=false}), so every accepted thread is committed with its events
     * unpublished; it is killed there, restarted normally, and its relay must publish every one exactly once.
     */
    @Test
    @Order(5)
    void killMessagingBetweenCommitAndPublish() {
        AtomicReference<String> held = new AtomicReference<>("not reached");
        scenario("outbox-crash", "messaging restarted with its outbox relay held back; once a quarter of the stream is "
                + "accepted, check those threads are committed and unpublished, kill -9 it, restart it normally", false, stream -> {
                    stack.kill("messaging");
                    stack.start("messaging", Map.of("CARELINE_OUTBOX_RELAY_ENABLED", "false"));
                    warmUp();
                }, stream -> {
                    // a freshly started service answers its first requests slowly: wait for acceptances, not sends
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                            .until(() -> stream.acceptedSoFar().size() >= MESSAGES / 4 || stream.done());
                    Set<String> accepted = stream.acceptedSoFar();
                    int unpublished = reconciler.committedUnpublished(accepted);
                    int triaged = reconciler.triageDecisions(accepted);
                    held.set(accepted.size() + " accepted threads before the kill, " + unpublished
                            + " committed with thread-opened unpublished, " + triaged + " triaged");
                    stack.kill("messaging");
                    stack.start("messaging", Map.of());
                    if (accepted.isEmpty() || unpublished != accepted.size() || triaged != 0) {
                        throw new AssertionError("the outbox did not hold the accepted threads back: " + held.get());
                    }
                });
        System.out.println("outbox-crash: " + held.get());
    }

    private static void scenario(String name, String fault, boolean gatewayDown, Consumer<MessageStream> inject) {
        scenario(name, fault, gatewayDown, stream -> { }, inject);
    }

    private static void scenario(String name, String fault, boolean gatewayDown, Consumer<MessageStream> before,
                                 Consumer<MessageStream> inject) {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        String prefix = "rel-" + RUN + "-" + name + "-";
        MessageStream stream = new MessageStream(stack.gateway(), tokens, prefix, MESSAGES, RATE, IN_FLIGHT, CLIENT_TIMEOUT);
        try {
            // the previous scenario's restarted service is cold, and the gateway's circuit may still be half-open
            warmUp();
            before.accept(stream);
            tokens.renew(USERS);
            stream.start();
            inject.accept(stream);
        } catch (AssertionError | RuntimeException e) {
            problems.add("fault step: " + e.getMessage());
            stream.start();
        }
        List<MessageStream.Outcome> outcomes = stream.finish();
        boolean ready = awaitReady(problems);
        Set<String> accepted = outcomes.stream().filter(o -> o.kind() == MessageStream.Kind.ACCEPTED)
                .map(MessageStream.Outcome::threadId).collect(Collectors.toSet());
        Reconciler.Counts counts = awaitDrained(prefix, accepted);
        boolean auditValid = auditVerifies(problems);
        // a restart rotates a part's log away: keep each scenario's logs for the post-mortem
        stack.keepLogs(TARGET.resolve("scenario-logs").resolve(name));

        Map<MessageStream.Kind, Long> kinds = outcomes.stream()
                .collect(Collectors.groupingBy(MessageStream.Outcome::kind, Collectors.counting()));
        int failed = kinds.getOrDefault(MessageStream.Kind.FAILED, 0L).intValue();
        int unreachable = kinds.getOrDefault(MessageStream.Kind.UNREACHABLE, 0L).intValue();
        if (accepted.isEmpty()) {
            problems.add("no POST was accepted: the stream did not reach the stack");
        }
        if (failed > 0) {
            problems.add(failed + " POSTs failed (neither 2xx nor a 502/503/504 problem), e.g. "
                    + outcomes.stream().filter(o -> o.kind() == MessageStream.Kind.FAILED).limit(3)
                    .map(o -> o.tag() + " HTTP " + o.status() + " " + o.detail() + " after " + o.millis() + " ms")
                    .collect(Collectors.joining("; ")));
        }
        int refused = kinds.getOrDefault(MessageStream.Kind.REFUSED, 0L).intValue();
        if (name.equals("baseline") && (refused > 0 || unreachable > 0)) {
            problems.add((refused + unreachable) + " POSTs refused without any fault: the control run must accept all");
        }
        if (unreachable > 0 && !gatewayDown) {
            problems.add(unreachable + " POSTs got no HTTP answer although the gateway was up");
        }
        if (!counts.complete()) {
            problems.add("not reconciled within " + DRAIN.toSeconds() + " s: missing " + counts.missing()
                    + ", unpublished outbox rows " + counts.unpublished());
            problems.addAll(counts.problems());
        }
        String answers = outcomes.stream().filter(o -> o.kind() != MessageStream.Kind.ACCEPTED)
                .collect(Collectors.groupingBy(o -> o.kind() + " " + (o.status() > 0 ? o.status() + " " : "") + o.detail(),
                        java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        long slowest = outcomes.stream().mapToLong(MessageStream.Outcome::millis).max().orElse(0);
        LEDGER.add(new Ledger.Row(name, fault, outcomes.size(), accepted.size(), refused, unreachable, failed, slowest, counts,
                auditValid, ready, Duration.ofNanos(System.nanoTime() - started).toSeconds(), answers, problems));
        assertTrue(problems.isEmpty(), name + ": " + String.join("; ", problems));
    }

    private static void awaitSent(MessageStream stream, int count) {
        await().atMost(Duration.ofSeconds((long) (3 * MESSAGES / RATE) + 60)).pollInterval(Duration.ofMillis(50))
                .until(() -> stream.sent() >= Math.min(count, MESSAGES) || stream.done());
    }

    private static boolean awaitReady(List<String> problems) {
        try {
            await().atMost(READY).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Stack.SERVICES.stream().allMatch(service -> stack.readiness(service) == 200));
            return true;
        } catch (ConditionTimeoutException e) {
            problems.add("not ready within " + READY.toSeconds() + " s: " + Stack.SERVICES.stream()
                    .filter(service -> stack.readiness(service) != 200).collect(Collectors.joining(", ")));
            return false;
        }
    }

    private static Reconciler.Counts awaitDrained(String prefix, Set<String> accepted) {
        AtomicReference<Reconciler.Counts> last = new AtomicReference<>();
        try {
            await().atMost(DRAIN).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                last.set(reconciler.count(prefix, accepted));
                return last.get().complete();
            });
        } catch (ConditionTimeoutException e) {
            if (last.get() == null) {
                last.set(reconciler.count(prefix, accepted));
            }
        }
        return last.get();
    }

    private static boolean auditVerifies(List<String> problems) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/v1/audit/verify"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.of("auditor1"))
                    .header("Accept", "application/json").GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode report = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (report != null && report.path("valid").asBoolean(false)) {
                return true;
            }
            problems.add("audit verify: HTTP " + response.statusCode() + " " + response.body());
            return false;
        } catch (IOException | RuntimeException e) {
            problems.add("audit verify failed: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("audit verify interrupted");
            return false;
        }
    }
}
