package org.careline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careline.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A deterministic fuzzer for a running service, derived from the service's own OpenAPI document so that
 * every operation (including ones added later) is covered. Each operation gets a bounded set of requests
 * from {@link RequestGenerator}; each response must hold to the team's contract:
 * <ul>
 *   <li>never a 5xx;</li>
 *   <li>every 4xx is {@code application/problem+json} with the same {@code status} and a {@code title};</li>
 *   <li>no error body carries a stack trace or any planted PHI value (nor the fuzzer's marker text);</li>
 *   <li>after the run {@code /q/health/ready} is UP.</li>
 * </ul>
 * Generation uses a seeded {@link java.util.Random} (not jqwik): the runs are plain JUnit tests inside
 * {@code @QuarkusTest}, reproducible from the seed printed in the summary.
 */
public final class ApiFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STACK_MARKERS = List.of("Exception", "\tat ", "at org.", "at java.",
            "at io.", "Caused by", "org.hibernate", "io.vertx", "com.fasterxml", "SQLSTATE", "PSQLException");

    /** Settings of a run. */
    public record Settings(long seed, List<String> tokens, Map<String, String> badTokens,
                           Map<String, List<String>> knownValues, List<String> plantedPhi, String marker,
                           int maxPerOperation, Predicate<Operation> include) {
    }

    private final URI base;
    private long seed = 20261123L;
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, List<String>> knownValues = new LinkedHashMap<>();
    private final List<String> plantedPhi = new ArrayList<>();
    private int maxPerOperation = 400;
    private Predicate<Operation> include = op -> !op.path().startsWith("/q/");
    private String serviceName;

    private ApiFuzzer(URI base) {
        this.base = base;
        this.serviceName = base.toString();
    }

    /** A fuzzer for the service at {@code base} (e.g. the {@code @TestHTTPResource("/")} URI). */
    public static ApiFuzzer of(URI base) {
        return new ApiFuzzer(base);
    }

    public ApiFuzzer named(String name) {
        this.serviceName = name;
        return this;
    }

    public ApiFuzzer seed(long value) {
        this.seed = value;
        return this;
    }

    /** Tokens of authorized callers: the requests take them in turn so that they reach the handlers. */
    public ApiFuzzer tokens(String... values) {
        tokens.addAll(List.of(values));
        return this;
    }

    /** Real values for a path or query parameter name (existing ids), used by the plausible requests. */
    public ApiFuzzer known(String parameter, String... values) {
        knownValues.computeIfAbsent(parameter, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    /** Patient data seeded before the run: no error body may contain it. */
    public ApiFuzzer plantedPhi(String... values) {
        plantedPhi.addAll(List.of(values));
        return this;
    }

    public ApiFuzzer maxPerOperation(int value) {
        this.maxPerOperation = value;
        return this;
    }

    /** Which operations to fuzz; by default all but the framework's {@code /q/} endpoints. */
    public ApiFuzzer include(Predicate<Operation> filter) {
        this.include = filter;
        return this;
    }

    /**
     * The generated authorization matrix: every operation's plausible request (real ids of the planted data)
     * as every actor, each with its own {@code X-Request-Id}.
     */
    public List<AccessCell> matrix(Map<String, String> actors) {
        OpenApiDocument document = OpenApiDocument.fetch(base);
        Settings settings = new Settings(seed, List.of(), Map.of(), Map.copyOf(knownValues), List.copyOf(plantedPhi),
                "Fuzzmark-PHI-" + Long.toHexString(seed), maxPerOperation, include);
        RequestGenerator generator = new RequestGenerator(document, settings);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<AccessCell> cells = new ArrayList<>();
        for (Operation op : document.operations().stream().filter(include).toList()) {
            for (Map.Entry<String, String> actor : actors.entrySet()) {
                FuzzRequest request = generator.plausible(op, actor.getValue());
                String requestId = "matrix-" + java.util.UUID.randomUUID();
                try {
                    HttpResponse<byte[]> response = send(client, request, requestId);
                    cells.add(new AccessCell(op.key(), actor.getKey(), response.statusCode(), requestId,
                            new String(response.body(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    cells.add(new AccessCell(op.key(), actor.getKey(), -1, requestId, e.toString()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return cells;
    }

    /** One cell of the generated matrix. */
    public record AccessCell(String operation, String actor, int status, String requestId, String body) {
        /** Whether the body shows any of {@code values}. */
        public boolean shows(List<String> values) {
            return values.stream().anyMatch(body::contains);
        }
    }

    public FuzzReport run() {
        OpenApiDocument document = OpenApiDocument.fetch(base);
        return run(document, document.operations().stream().filter(include).toList());
    }

    FuzzReport run(OpenApiDocument document, List<Operation> operations) {
        String marker = "Fuzzmark-PHI-" + Long.toHexString(seed);
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("none", null);
        badTokens.put("not a JWT", "not.a.jwt");
        badTokens.put("expired", TestTokens.user("fuzz-expired").roles("admin", "clinician", "patient")
                .expiresAt(1_000_000_000L).sign());
        badTokens.put("wrong audience", TestTokens.user("fuzz-aud").roles("admin").audience("someone-else").sign());
        badTokens.put("no roles", TestTokens.user("fuzz-noroles").sign());
        Settings settings = new Settings(seed, List.copyOf(tokens), badTokens, Map.copyOf(knownValues),
                List.copyOf(plantedPhi), marker, maxPerOperation, include);
        RequestGenerator generator = new RequestGenerator(document, settings);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, Integer> perOperation = new LinkedHashMap<>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        List<FuzzReport.Failure> failures = new ArrayList<>();
        long started = System.currentTimeMillis();
        List<String> forbidden = new ArrayList<>(plantedPhi);
        forbidden.add(marker);
        for (Operation op : operations) {
            for (FuzzRequest request : generator.requestsFor(op)) {
                perOperation.merge(op.key(), 1, Integer::sum);
                HttpResponse<byte[]> response;
                try {
                    response = send(client, request);
                } catch (IOException e) {
                    failures.add(new FuzzReport.Failure(op.key(), request.mutation(), -1,
                            "no response: " + e.getClass().getSimpleName(), ""));
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                check(request, response, forbidden, failures);
            }
        }
        long millis = System.currentTimeMillis() - started;
        return new FuzzReport(serviceName + " (seed " + seed + ")", perOperation, statuses, failures,
                healthy(client), millis);
    }

    /** Sends and reads the body, except an open event stream (a 2xx {@code text/event-stream}), which is closed. */
    private HttpResponse<byte[]> send(HttpClient client, FuzzRequest request) throws IOException, InterruptedException {
        return send(client, request, null);
    }

    private HttpResponse<byte[]> send(HttpClient client, FuzzRequest request, String requestId)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = http(request);
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            boolean stream = response.statusCode() < 300
                    && response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            body = stream ? new byte[0] : in.readAllBytes();
        }
        return new BodyRead(response, body);
    }

    /** A response whose body was read into memory. */
    private record BodyRead(HttpResponse<InputStream> raw, byte[] body) implements HttpResponse<byte[]> {
        public int statusCode() { return raw.statusCode(); }
        public HttpRequest request() { return raw.request(); }
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return raw.headers(); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return raw.sslSession(); }
        public URI uri() { return raw.uri(); }
        public HttpClient.Version version() { return raw.version(); }
    }

    private HttpRequest.Builder http(FuzzRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.resolve("/") + request.target().substring(1)))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json, application/problem+json, */*;q=0.1");
        if (request.token() != null) {
            b.header("Authorization", "Bearer " + request.token());
        }
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return b.method(request.method(), body);
    }

    private static void check(FuzzRequest request, HttpResponse<byte[]> response, List<String> forbidden,
                              List<FuzzReport.Failure> failures) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String preview = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        List<String> broken = new ArrayList<>();
        if (status >= 500) {
            broken.add("server error");
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                broken.add("not problem+json (" + type + ")");
            } else {
                try {
                    JsonNode problem = JSON.readTree(body);
                    if (problem.path("status").asInt() != status || !problem.path("title").isTextual()) {
                        broken.add("problem without matching status and title");
                    }
                } catch (IOException e) {
                    broken.add("problem body is not JSON");
                }
            }
            STACK_MARKERS.stream().filter(body::contains).findFirst()
                    .ifPresent(m -> broken.add("stack trace or internals in body (" + m.trim() + ")"));
            forbidden.stream().filter(body::contains).findFirst()
                    .ifPresent(v -> broken.add("echoes planted data or request text"));
        }
        for (String rule : broken) {
            failures.add(new FuzzReport.Failure(request.operation(), request.mutation(), status, rule, preview));
        }
    }

    private boolean healthy(HttpClient client) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("status").asText().equals("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
