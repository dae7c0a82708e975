package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careline.deploy.CodeTopics.KafkaService;
import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The images and the services' production configuration agree with the manifests: one non-root UBI OpenJDK 17
 * fast-jar Dockerfile per service exposing the port the Deployment probes, and every variable the {@code %prod}
 * Kafka security lines of careline-platform read is set by each Kafka service's Deployment.
 */
class ServiceImagesTest {

    @Test
    void everyServiceHasANonRootFastJarImageOnUbiOpenJdk17() {
        for (Deployment d : DeploymentsTest.deployments("prod")) {
            String service = d.getMetadata().getName();
            String dockerfile = CodeTopics.read(Repo.ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            assertTrue(dockerfile.contains("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:"), service);
            assertTrue(dockerfile.contains("\nUSER 185\n"), service);
            assertTrue(dockerfile.contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/"), service);
            assertTrue(dockerfile.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service);
            int port = d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
            assertTrue(dockerfile.contains("\nEXPOSE " + port + "\n"), service + " exposes " + port);
            assertEquals(185L, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser(), service);
            String props = CodeTopics.read(Repo.ROOT.resolve(service).resolve("src/main/resources/application.properties"));
            assertTrue(props.contains("quarkus.http.port=" + port), service + " listens on " + port);
        }
    }

    @Test
    void everyKafkaServiceSetsTheVariablesOfThePlatformsProdKafkaSecurity() {
        String platform = CodeTopics.read(Repo.ROOT.resolve(
                Path.of("careline-platform/src/main/resources/META-INF/microprofile-config.properties")));
        Matcher m = Pattern.compile("(?m)^%prod\\.kafka\\.[a-z.]+=\\$\\{([A-Z0-9_]+):").matcher(platform);
        Set<String> variables = new HashSet<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        assertTrue(variables.containsAll(List.of("CARELINE_KAFKA_SECURITY_PROTOCOL", "CARELINE_KAFKA_SASL_JAAS_CONFIG",
                "CARELINE_KAFKA_CA_FILE")), variables.toString());
        for (KafkaService s : CodeTopics.kafkaServices()) {
            Deployment d = TypedModels.parse(Repo.one("prod", "Deployment", s.name()), Deployment.class);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            ConfigMap cm = TypedModels.parse(Repo.one("prod", "ConfigMap", s.name() + "-config"), ConfigMap.class);
            Set<String> provided = new HashSet<>(cm.getData().keySet());
            c.getEnv().forEach(e -> provided.add(e.getName()));
            for (String v : variables) {
                assertTrue(provided.contains(v), s.name() + " sets " + v);
            }
            assertEquals("SASL_SSL", cm.getData().get("CARELINE_KAFKA_SECURITY_PROTOCOL"), s.name());
            String caFile = cm.getData().get("CARELINE_KAFKA_CA_FILE");
            assertFalse(c.getVolumeMounts().stream().noneMatch(vm -> caFile.startsWith(vm.getMountPath() + "/")),
                    s.name() + " mounts " + caFile);
        }
    }
}
