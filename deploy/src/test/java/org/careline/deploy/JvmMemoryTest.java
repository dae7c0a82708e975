package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every service's JVM memory settings (docs/performance.md, "Memory and startup"): explicit heap, metaspace and code
 * cache caps and the serial collector through the image's run-java.sh variables, the Dockerfile's own options kept,
 * and a memory limit above what the caps allow plus room for threads, native buffers and the collector.
 */
class JvmMemoryTest {

    private static final Pattern DOCKERFILE_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"$");
    private static final long MI = 1024L * 1024L;
    /** Symbols, threads, compiler arenas, mapped jars and the JVM itself beyond the capped areas: measured up to ~115 MB. */
    private static final long NATIVE_HEADROOM = 128 * MI;

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceCapsHeapMetaspaceAndCodeCacheWithTheSerialCollectorAndKeepsTheImagesOptions(String overlay) {
        for (Deployment d : DeploymentsTest.deployments(overlay)) {
            String service = d.getMetadata().getName();
            Map<String, String> data = TypedModels.parse(Repo.one(overlay, "ConfigMap", service + "-config"),
                    ConfigMap.class).getData();
            assertFalse(data.containsKey("JAVA_MAX_MEM_RATIO"), service + ": the heap is sized explicitly, not by ratio");
            assertEquals("-XX:+UseSerialGC", data.get("GC_CONTAINER_OPTIONS"), service);
            assertEquals("2", data.get("MALLOC_ARENA_MAX"), service);

            String opts = data.get("JAVA_OPTS_APPEND");
            assertNotNull(opts, service);
            Matcher image = DOCKERFILE_OPTS.matcher(CodeTopics.read(
                    Repo.ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm")));
            assertTrue(image.find(), service + " Dockerfile sets JAVA_OPTS_APPEND");
            assertTrue(opts.startsWith(image.group(1) + " "),
                    service + ": the ConfigMap replaces the image's JAVA_OPTS_APPEND, so it must repeat it");
            for (String flag : new String[] { "-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=", "-Xss",
                    "-XX:MinHeapFreeRatio=", "-XX:MaxHeapFreeRatio=", "-XX:TrimNativeHeapInterval=" }) {
                assertTrue(opts.contains(" " + flag), service + " sets " + flag);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyMemoryLimitHoldsTheCappedAreasPlusNativeHeadroomAndTheRequestIsBelowIt(String overlay) {
        for (Deployment d : DeploymentsTest.deployments(overlay)) {
            String service = d.getMetadata().getName();
            String opts = TypedModels.parse(Repo.one(overlay, "ConfigMap", service + "-config"), ConfigMap.class)
                    .getData().get("JAVA_OPTS_APPEND");
            long capped = bytes(opts, "-Xmx") + bytes(opts, "-XX:MaxMetaspaceSize=")
                    + bytes(opts, "-XX:ReservedCodeCacheSize=");
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            long limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValue();
            long request = Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")).longValue();
            assertTrue(limit >= capped + NATIVE_HEADROOM, service + ": limit " + limit / MI + " Mi below caps "
                    + capped / MI + " Mi + headroom");
            assertTrue(request <= limit, service + ": request above limit");
        }
    }

    /** The size given to a JVM flag such as {@code -Xmx128m}, in bytes. */
    static long bytes(String opts, String flag) {
        Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(flag) + "(\\d+)([kKmMgG]?)(?: |$)").matcher(opts);
        assertTrue(m.find(), flag + " in " + opts);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n * 1024L;
            case "m" -> n * MI;
            case "g" -> n * 1024L * MI;
            default -> n;
        };
    }
}
