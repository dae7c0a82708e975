package org.careline.gateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway's added latency: the same GET at a constant arrival rate (open model), first straight to a fake
 * upstream, then through the packaged gateway (a separate JVM) to the same fake upstream, all on 127.0.0.1.
 * Each request's latency is measured from its <em>intended</em> send time (request i is due at start + i / rate),
 * so a stall delays and counts against every request scheduled behind it (no coordinated omission); latencies go
 * into HdrHistogram. Not a test: it asserts nothing about timing and only runs with {@code -Pbenchmark}:
 *
 * <pre>./mvnw -o -f gateway/pom.xml -Pbenchmark verify [-Dbenchmark.rate=1000 -Dbenchmark.seconds=30 -Dbenchmark.warmup=15]</pre>
 *
 * The figures are printed and written to {@code target/benchmark.txt}.
 */
class GatewayLatencyBenchmark {

    private static final String BODY = "{\"id\":\"t-1\",\"subject\":\"benchmark\",\"status\":\"OPEN\"}";

    private final int rate = Integer.getInteger("benchmark.rate", 1_000);
    private final int seconds = Integer.getInteger("benchmark.seconds", 30);
    private final int warmupSeconds = Integer.getInteger("benchmark.warmup", 15);

    @Test
    void addedLatencyAtConstantRate() throws Exception {
        Vertx upstreamVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Process gateway = null;
        try {
            HttpServer upstream = upstreamVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(request -> request.response().putHeader("Content-Type", "application/json").end(BODY));
            int upstreamPort = upstream.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            int gatewayPort = freePort();
            gateway = startGateway(gatewayPort, upstreamPort);

            HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(256));
            Context context = clientVertx.getOrCreateContext();
            String token = TestTokens.user("benchmark").roles("clinician").claim("azp", "careline-web").sign();

            run(client, context, upstreamPort, token, warmupSeconds);
            run(client, context, gatewayPort, token, warmupSeconds);
            Result direct = run(client, context, upstreamPort, token, seconds);
            long cpuBefore = cpuNanos(gateway);
            Result viaGateway = run(client, context, gatewayPort, token, seconds);
            double cpuMicrosPerRequest = (cpuNanos(gateway) - cpuBefore) / 1e3 / viaGateway.sent();

            String report = report(direct, viaGateway) + String.format(Locale.ROOT,
                    "gateway CPU time per request (user+system, whole process incl. GC and JIT): %.0f us%n"
                            + "load average during the run: %s%n", cpuMicrosPerRequest, loadAverage());
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark.txt"), report);
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor(20, TimeUnit.SECONDS);
            }
            clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            upstreamVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private record Result(Histogram latency, long errors, long sent, double seconds) {
    }

    /** Sends rate * duration requests on a fixed schedule and records each latency from its intended start. */
    private Result run(HttpClient client, Context context, int port, String token, int duration) throws InterruptedException {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long total = (long) rate * duration;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/threads/t-1?page=1").putHeader("Authorization", "Bearer " + token);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (long i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            outstanding.incrementAndGet();
            context.runOnContext(v -> client.request(options)
                    .compose(request -> request.send())
                    .compose(response -> response.statusCode() == 200 ? response.body()
                            : Future_failed(response.statusCode()))
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            recorder.recordValue(System.nanoTime() - intended);
                        } else {
                            errors.incrementAndGet();
                        }
                        outstanding.decrementAndGet();
                    }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // draining the last responses after the schedule ended; not part of any figure
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(recorder.getIntervalHistogram(), errors.get() + outstanding.get(), total, elapsed);
    }

    private static io.vertx.core.Future<Buffer> Future_failed(int status) {
        return io.vertx.core.Future.failedFuture("status " + status);
    }

    private String report(Result direct, Result via) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Gateway latency benchmark: GET, %d requests/s, %d s per leg (after %d s warm-up),"
                        + " loopback, %d cores, Java %s%n", rate, seconds, warmupSeconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        out.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s %9s %8s%n", "leg (ms)", "p50", "p90", "p99", "p99.9",
                "max", "mean", "errors"));
        line(out, "direct", direct);
        line(out, "via gateway", via);
        out.append(String.format(Locale.ROOT, "%-12s %9.3f %9.3f %9.3f %9.3f%n", "added",
                added(via, direct, 50), added(via, direct, 90), added(via, direct, 99), added(via, direct, 99.9)));
        out.append("(added = percentile via gateway minus the same percentile direct; latency from the intended send time)\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Result result) {
        Histogram h = result.latency();
        out.append(String.format(Locale.ROOT, "%-12s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %8d%n", name,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1e6, result.errors()));
    }

    private static double added(Result via, Result direct, double percentile) {
        return ms(via.latency().getValueAtPercentile(percentile) - direct.latency().getValueAtPercentile(percentile));
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    private static Process startGateway(int port, int upstreamPort) throws Exception {
        String jar = System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("package the gateway first: " + jar);
        }
        String upstream = "http://127.0.0.1:" + upstreamPort;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        if (Boolean.getBoolean("benchmark.jfr")) {
            command.add("-XX:StartFlightRecording=filename=target/benchmark-gateway.jfr,settings=profile");
        }
        command.addAll(List.of(
                // no %prod: tokens are checked with the test key instead of Keycloak
                "-Dquarkus.profile=benchmark",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.oidc.public-key=" + TestTokens.publicKeyBase64(),
                "-Dquarkus.oidc.token.issuer=" + TestTokens.ISSUER,
                // the limiter runs (its cost is measured) but one benchmark caller must not be throttled
                "-Dcareline.gateway.rate-limit.requests-per-second=1000000",
                "-Dcareline.gateway.rate-limit.burst=1000000",
                "-Dcareline.gateway.rate-limit.client-requests-per-second=1000000",
                "-Dcareline.gateway.rate-limit.client-burst=1000000",
                "-Dquarkus.log.level=WARN"));
        for (String name : List.of("messaging", "triage", "billing", "audit")) {
            command.add("-Dcareline.gateway.upstreams." + name + "=" + upstream);
        }
        // extra gateway options, e.g. -Dbenchmark.gateway-options=-Dcareline.gateway.token-cache.enabled=false
        for (String option : System.getProperty("benchmark.gateway-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/benchmark-gateway.log")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited: see target/benchmark-gateway.log");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/live")
                        .toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroy();
        throw new IllegalStateException("the gateway did not start in 90 s");
    }

    /** The CPU time the gateway process has used so far (Linux /proc; -1 elsewhere). */
    private static long cpuNanos(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 10_000_000L; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
