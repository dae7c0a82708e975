package org.careline.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady, bounded stream of new patient threads posted through the gateway ({@code POST /api/v1/threads}),
 * alternating between the demo patients, each with a client timeout, and the outcome of every POST. Like real
 * clients, it keeps at most a few POSTs in flight: a tick that finds them all still waiting is skipped, so a slow
 * stack slows the stream down instead of drowning in timeouts. The stream ends after {@code count} POSTs or when
 * its time is up (three times the nominal duration), whichever comes first. Messaging
 * has no idempotency key, so a POST is never retried: a refused one stays refused. Each subject carries a tag
 * ({@code <prefix><seq>}) so that the reconciliation also finds threads stored for a POST the client never saw
 * succeed.
 */
final class MessageStream {

    /** What one POST got. */
    enum Kind {
        /** 2xx with the new thread's id. */
        ACCEPTED,
        /** 502, 503 or 504 answered as application/problem+json: refused during the fault, acceptable. */
        REFUSED,
        /** No HTTP answer at all: connection refused or broken (acceptable only while the gateway itself is down). */
        UNREACHABLE,
        /** Anything else: another status, no problem+json, or no answer within the client timeout. */
        FAILED
    }

    record Outcome(int seq, String tag, Kind kind, int status, String threadId, String detail, long millis) {
    }

    static final List<String> PATIENTS = List.of("patient1", "patient2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String gateway;
    private final Tokens tokens;
    private final String tagPrefix;
    private final int count;
    private final double perSecond;
    private final Duration clientTimeout;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final java.util.concurrent.Semaphore inFlight;
    private long deadlineNanos;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> allSent = new CompletableFuture<>();

    MessageStream(String gateway, Tokens tokens, String tagPrefix, int count, double perSecond, int maxInFlight,
                  Duration clientTimeout) {
        this.inFlight = new java.util.concurrent.Semaphore(maxInFlight);
        this.gateway = gateway;
        this.tokens = tokens;
        this.tagPrefix = tagPrefix;
        this.count = count;
        this.perSecond = perSecond;
        this.clientTimeout = clientTimeout;
    }

    /** Starts posting (once; a second call does nothing). */
    MessageStream start() {
        if (!started.compareAndSet(false, true)) {
            return this;
        }
        long periodMicros = Math.round(1_000_000 / perSecond);
        deadlineNanos = System.nanoTime() + 3 * periodMicros * 1_000L * count;
        ticker.scheduleAtFixedRate(this::postNext, 0, periodMicros, TimeUnit.MICROSECONDS);
        return this;
    }

    int sent() {
        return sent.get();
    }

    /** Whether the stream has sent its last POST (all of them, or its time ran out). */
    boolean done() {
        return allSent.isDone();
    }

    /** The ids of the threads accepted so far. */
    java.util.Set<String> acceptedSoFar() {
        return outcomes.stream().filter(o -> o.kind() == Kind.ACCEPTED).map(Outcome::threadId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Waits until every POST was sent and answered (or timed out on the client side). */
    List<Outcome> finish() {
        allSent.join();
        ticker.shutdownNow();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        List<Outcome> all = new ArrayList<>(outcomes);
        all.sort(Comparator.comparingInt(Outcome::seq));
        return all;
    }

    private void postNext() {
        int seq = sent.get();
        if (seq >= count || System.nanoTime() > deadlineNanos) {
            allSent.complete(null);
            return;
        }
        if (!inFlight.tryAcquire()) {
            return;
        }
        sent.incrementAndGet();
        String tag = tagPrefix + String.format("%04d", seq);
        String patient = PATIENTS.get(seq % PATIENTS.size());
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/threads"))
                    .timeout(clientTimeout)
                    .header("Authorization", "Bearer " + tokens.of(patient))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(tag))).build();
        } catch (RuntimeException e) {
            // no token: the POST is never sent, so nothing can be stored for it
            outcomes.add(new Outcome(seq, tag, Kind.FAILED, 0, null, "no token: " + e.getMessage(), 0));
            inFlight.release();
            return;
        }
        pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    inFlight.release();
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    outcomes.add(failure == null ? classify(seq, tag, response, millis)
                            : classify(seq, tag, unwrap(failure), millis));
                    return null;
                }));
    }

    private static String body(String tag) {
        return "{\"subject\":\"" + tag + "\",\"topic\":\"MEDICATION\",\"body\":\"Could you renew my lisinopril "
                + "prescription? I have a week left. (" + tag + ")\"}";
    }

    private static Outcome classify(int seq, String tag, HttpResponse<String> response, long millis) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status / 100 == 2) {
            String id = field(response.body(), "id");
            return id != null ? new Outcome(seq, tag, Kind.ACCEPTED, status, id, null, millis)
                    : new Outcome(seq, tag, Kind.FAILED, status, null, "2xx without an id", millis);
        }
        String type = field(response.body(), "type");
        if ((status == 502 || status == 503 || status == 504) && contentType.startsWith("application/problem+json")) {
            return new Outcome(seq, tag, Kind.REFUSED, status, null, type, millis);
        }
        return new Outcome(seq, tag, Kind.FAILED, status, null, contentType + " " + type, millis);
    }

    private Outcome classify(int seq, String tag, Throwable failure, long millis) {
        if (failure instanceof HttpTimeoutException) {
            return new Outcome(seq, tag, Kind.FAILED, 0, null, "no answer within " + clientTimeout.toSeconds() + " s", millis);
        }
        if (failure instanceof ConnectException || failure instanceof IOException) {
            return new Outcome(seq, tag, Kind.UNREACHABLE, 0, null, failure.getClass().getSimpleName(), millis);
        }
        return new Outcome(seq, tag, Kind.FAILED, 0, null, failure.toString(), millis);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String field(String body, String name) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.hasNonNull(name) ? node.get(name).asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
