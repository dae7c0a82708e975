package org.careline.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stack this suite owns, driven through {@code ./careline} exactly as a developer would: its own
 * {@code CARELINE_HOME} and port offset. Faults act on the processes named by the launcher's pid files, and only
 * after checking that the process carries this home's ownership marker on its command line.
 */
final class Stack {

    static final List<String> SERVICES = List.of("messaging", "triage", "billing", "audit", "gateway");

    private final Path repo;
    private final Path home;
    private final int offset;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Stack(Path repo, Path home, int offset) {
        this.repo = repo;
        this.home = home;
        this.offset = offset;
        this.log = home.resolveSibling("careline-reliability.log");
    }

    String gateway() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    String tokenUrl() {
        return "http://127.0.0.1:" + (8180 + offset) + "/realms/careline/protocol/openid-connect/token";
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + (15432 + offset) + "/" + database;
    }

    Path log() {
        return log;
    }

    /**
     * {@code ./careline up --no-build}; true when it succeeded. The home is kept between runs (a clean build
     * deletes it with target/): Keycloak's first start in a new home takes minutes, and every run tags its
     * messages so that earlier runs' data never counts.
     */
    boolean up() {
        return careline(Map.of(), Duration.ofMinutes(20), "up", "--no-build");
    }

    boolean down() {
        return careline(Map.of(), Duration.ofMinutes(3), "down");
    }

    /** Starts one stopped part and waits until the launcher reports it ready; extra environment for it. */
    void start(String part, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CARELINE_PARTS", part);
        if (!careline(all, Duration.ofMinutes(11), "up", "--no-build")) {
            throw new AssertionError("./careline could not restart " + part + "; see " + log);
        }
    }

    /** {@code kill -9} of the part's process, then waits until it is gone. */
    void kill(String part) {
        ProcessHandle process = owned(part).orElseThrow(() -> new AssertionError(part + " is not running"));
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(30));
    }

    /** SIGTERM (a clean stop: Kafka and PostgreSQL shut down through their launchers' hooks), then waits. */
    void stop(String part) {
        ProcessHandle process = owned(part).orElseThrow(() -> new AssertionError(part + " is not running"));
        process.destroy();
        awaitExit(process, Duration.ofSeconds(90));
    }

    /** The readiness endpoint's status of a service (0 when nothing answers). */
    int readiness(String service) {
        // gateway 8080, messaging 8081, triage 8082, billing 8083, audit 8084 (plus the offset), as ./careline
        int port = 8080 + offset + (service.equals("gateway") ? 0 : 1 + SERVICES.indexOf(service));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Copies every part's current log (and the previous one, the launcher keeps one) into {@code into}. */
    void keepLogs(Path into) {
        try (java.util.stream.Stream<Path> logs = Files.list(home.resolve("logs"))) {
            Files.createDirectories(into);
            for (Path log : logs.toList()) {
                Files.copy(log, into.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("could not keep the logs in " + into + ": " + e);
        }
    }

    Optional<ProcessHandle> owned(String part) {
        Path pidFile = home.resolve("pids").resolve(part + ".pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isOurs(pid, part));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean isOurs(long pid, String part) {
        try {
            List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")))
                    .split("\0"));
            return args.contains("-Dcareline-local.part=" + part) && args.contains("-Dcareline-local.home=" + home);
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("pid " + process.pid() + " did not exit within " + timeout, e);
        }
    }

    private boolean careline(Map<String, String> env, Duration timeout, String... args) {
        try {
            Files.createDirectories(home);
            List<String> command = new ArrayList<>();
            command.add(repo.resolve("careline").toString());
            command.addAll(List.of(args));
            Files.writeString(log, "\n$ " + env + " ./careline " + String.join(" ", args) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repo.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
            builder.environment().put("CARELINE_HOME", home.toString());
            builder.environment().put("CARELINE_PORT_OFFSET", Integer.toString(offset));
            // a busy 2-core machine: Keycloak's first start alone took over 3 minutes beside other builds
            builder.environment().putIfAbsent("CARELINE_KEYCLOAK_TIMEOUT", "900");
            builder.environment().putIfAbsent("CARELINE_SERVICES_TIMEOUT", "600");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new AssertionError("could not run ./careline: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
