package org.careline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of a run, from {@code -Dbench.*} system properties (the Gatling plugin passes Maven's {@code -D}
 * options on), falling back to the local stack's environment ({@code CARELINE_PORT_OFFSET}, {@code CARELINE_HOME}).
 */
public record BenchConfig(Mode mode, double rate, Duration duration, String gatewayUrl, String keycloakUrl,
                          String kafkaBootstrap, String jdbcBase, Path careLineHome, int patients, int clinicians,
                          Duration lagDeadline, double lagGrowthShare, boolean queueReads, Path target, Path corpus,
                          Path realm, Ramp ramp, Scale scale) {

    /** What a run does: a fixed arrival rate, a rising one until the pipeline falls behind, or listings over a big data set. */
    public enum Mode {
        FIXED, RAMP, SCALE;

        static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bench.mode must be fixed, ramp or scale (got '" + value + "')", e);
            }
        }
    }

    /**
     * The ramp: arrival rate {@code start}, {@code start + step}, ... up to {@code max}, each held for
     * {@code stepDuration}; a step passes when its p99 post-to-queued is at most {@code p99Limit} and its error share
     * at most {@code errorLimit}. The run stops after the first step that does not pass.
     */
    public record Ramp(double start, double step, Duration stepDuration, double max, Duration p99Limit, double errorLimit) {

        public Ramp {
            if (start <= 0 || step <= 0 || max < start || stepDuration.isNegative() || stepDuration.isZero()) {
                throw new IllegalArgumentException("ramp needs start > 0, step > 0, max >= start and a positive step duration");
            }
        }

        /** How many steps reach at most {@code max}. */
        public int steps() {
            return (int) Math.floor((max - start) / step + 1e-9) + 1;
        }

        /** The arrival rate of step {@code index} (0-based). */
        public double rateOf(int index) {
            return start + index * step;
        }
    }

    /**
     * The scale run: {@code messages} pre-loaded messages ({@code patientMessages} of them for one load-test patient,
     * {@code messagesPerThread} per thread, {@code openShare} of the threads with an open queue item), then listings at
     * {@code rate} requests/s for {@code duration}, first pages and page {@code deepPage} by cursor.
     */
    public record Scale(long messages, long patientMessages, int messagesPerThread, double openShare, int otherPatients,
                        double rate, Duration duration, int deepPage, boolean reload) {
    }

    public static BenchConfig fromSystem() {
        int offset = Integer.parseInt(prop("bench.portOffset", env("CARELINE_PORT_OFFSET", "0")));
        String home = prop("bench.home", env("CARELINE_HOME", "../.careline"));
        Path target = Path.of(prop("bench.target", "target"));
        return new BenchConfig(
                Mode.parse(prop("bench.mode", "fixed")),
                Double.parseDouble(prop("bench.rate", "20")),
                seconds("bench.duration", "60"),
                prop("bench.gatewayUrl", "http://127.0.0.1:" + (8080 + offset)),
                prop("bench.keycloakUrl", "http://127.0.0.1:" + (8180 + offset)),
                prop("bench.kafka", "127.0.0.1:" + (19092 + offset)),
                prop("bench.jdbc", "jdbc:postgresql://127.0.0.1:" + (15432 + offset) + "/"),
                Path.of(home).toAbsolutePath().normalize(),
                Integer.parseInt(prop("bench.patients", "100")),
                Integer.parseInt(prop("bench.clinicians", "10")),
                seconds("bench.lagDeadline", "60"),
                Double.parseDouble(prop("bench.lagGrowthShare", "0.05")),
                Boolean.parseBoolean(prop("bench.queueReads", "true")),
                target,
                Path.of(prop("bench.corpus", "src/test/resources/dev-set.jsonl")),
                Path.of(prop("bench.realm", target.resolve("careline-bench-realm.json").toString())),
                new Ramp(Double.parseDouble(prop("bench.ramp.start", "10")),
                        Double.parseDouble(prop("bench.ramp.step", "10")),
                        seconds("bench.ramp.stepDuration", "30"),
                        Double.parseDouble(prop("bench.ramp.max", "300")),
                        Duration.ofMillis(Long.parseLong(prop("bench.ramp.p99LimitMillis", "1000"))),
                        Double.parseDouble(prop("bench.ramp.errorLimit", "0.001"))),
                new Scale(Long.parseLong(prop("bench.scale.messages", "1000000")),
                        Long.parseLong(prop("bench.scale.patientMessages", "300000")),
                        Integer.parseInt(prop("bench.scale.messagesPerThread", "4")),
                        Double.parseDouble(prop("bench.scale.openShare", "0.02")),
                        Integer.parseInt(prop("bench.scale.otherPatients", "5000")),
                        Double.parseDouble(prop("bench.scale.rate", "200")),
                        seconds("bench.scale.duration", "60"),
                        Integer.parseInt(prop("bench.scale.deepPage", "5")),
                        Boolean.parseBoolean(prop("bench.scale.reload", "false"))));
    }

    /** Where the summaries go ({@code benchmarks/target/} under Maven). */
    public Path output(String fileName) {
        return target.resolve(fileName);
    }

    private static Duration seconds(String name, String fallback) {
        return Duration.ofSeconds(Long.parseLong(prop(name, fallback)));
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
