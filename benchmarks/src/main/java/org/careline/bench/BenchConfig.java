package org.careline.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a run, from {@code -Dbench.*} system properties (the Gatling plugin passes Maven's {@code -D}
 * options on), falling back to the local stack's environment ({@code CARELINE_PORT_OFFSET}, {@code CARELINE_HOME}).
 */
public record BenchConfig(double rate, Duration duration, String gatewayUrl, String keycloakUrl, String kafkaBootstrap,
                          Path careLineHome, int patients, int clinicians, int sample, Duration lagDeadline,
                          boolean queueReads, Path summary, Path corpus, Path realm) {

    public static BenchConfig fromSystem() {
        int offset = Integer.parseInt(prop("bench.portOffset", env("CARELINE_PORT_OFFSET", "0")));
        String home = prop("bench.home", env("CARELINE_HOME", "../.careline"));
        return new BenchConfig(
                Double.parseDouble(prop("bench.rate", "20")),
                Duration.ofSeconds(Long.parseLong(prop("bench.duration", "60"))),
                prop("bench.gatewayUrl", "http://127.0.0.1:" + (8080 + offset)),
                prop("bench.keycloakUrl", "http://127.0.0.1:" + (8180 + offset)),
                prop("bench.kafka", "127.0.0.1:" + (19092 + offset)),
                Path.of(home).toAbsolutePath().normalize(),
                Integer.parseInt(prop("bench.patients", "100")),
                Integer.parseInt(prop("bench.clinicians", "10")),
                Integer.parseInt(prop("bench.sample", "200")),
                Duration.ofSeconds(Long.parseLong(prop("bench.lagDeadline", "60"))),
                Boolean.parseBoolean(prop("bench.queueReads", "false")),
                Path.of(prop("bench.summary", "target/benchmark-summary.md")),
                Path.of(prop("bench.corpus", "src/test/resources/dev-set.jsonl")),
                Path.of(prop("bench.realm", "target/careline-bench-realm.json")));
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
