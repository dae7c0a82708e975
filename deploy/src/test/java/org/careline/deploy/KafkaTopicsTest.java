package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.careline.deploy.model.TypedModels;
import org.careline.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Every topic the code or docs/events.md uses has a KafkaTopic, and every KafkaTopic is used. On failure the
 * message is the line to add to deploy/k8s/base/kafka/topics.yaml.
 */
class KafkaTopicsTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyTopicOfTheCodeAndTheDocsHasAKafkaTopicAndNoOtherExists(String overlay) {
        Set<String> declared = topics(overlay).keySet();
        Set<String> expected = CodeTopics.allTopics();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(declared);
        assertEquals(Set.of(), missing, "add to deploy/k8s/base/kafka/topics.yaml:\n" + missing.stream()
                .map(KafkaTopicsTest::line).collect(Collectors.joining("\n")));
        Set<String> unused = new TreeSet<>(declared);
        unused.removeAll(expected);
        assertEquals(Set.of(), unused, "KafkaTopics no code or doc uses: remove them from topics.yaml");
    }

    @Test
    void theExpectedSetReallyComesFromTheCode() {
        Set<String> expected = CodeTopics.allTopics();
        assertTrue(expected.containsAll(CodeTopics.topicConstants()));
        assertTrue(expected.contains(Topics.MESSAGING_MESSAGES) && expected.contains(Topics.AUDIT_RECORDS));
        assertTrue(expected.stream().anyMatch(t -> t.startsWith(Topics.DEAD_LETTER_PREFIX)),
                "dead-letter topics come from the consumers' application.properties");
        assertTrue(CodeTopics.documentedTopics().size() >= 5, "docs/events.md's topic table is read");
    }

    @Test
    void prodReplicatesEveryTopicThreeTimesAndWaitsForTwoInSyncReplicas() {
        topics("prod").forEach((name, t) -> {
            assertEquals(3, t.getSpec().getReplicas(), name);
            assertEquals(2, ((Number) t.getSpec().getConfig().get("min.insync.replicas")).intValue(), name);
            assertTrue(t.getSpec().getPartitions() >= 3, name);
            assertTrue(t.getSpec().getConfig().containsKey("retention.ms"), name);
            assertEquals("careline", t.getMetadata().getLabels().get("strimzi.io/cluster"), name);
        });
        KafkaNodePool pool = TypedModels.parse(Repo.one("prod", "KafkaNodePool", "dual-role"), KafkaNodePool.class);
        assertEquals(3, pool.getSpec().getReplicas());
        assertEquals(Set.of(ProcessRoles.BROKER, ProcessRoles.CONTROLLER), Set.copyOf(pool.getSpec().getRoles()));
        Kafka kafka = TypedModels.parse(Repo.one("prod", "Kafka", "careline"), Kafka.class);
        assertEquals(2, ((Number) kafka.getSpec().getKafka().getConfig().get("min.insync.replicas")).intValue());
        assertEquals(3, ((Number) kafka.getSpec().getKafka().getConfig().get("default.replication.factor")).intValue());
        assertEquals(false, kafka.getSpec().getKafka().getConfig().get("auto.create.topics.enable"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
    }

    @Test
    void devRunsOneKafkaNodeAndOneReplicaPerTopic() {
        assertEquals(1, TypedModels.parse(Repo.one("dev", "KafkaNodePool", "dual-role"), KafkaNodePool.class)
                .getSpec().getReplicas());
        topics("dev").forEach((name, t) -> {
            assertEquals(1, t.getSpec().getReplicas(), name);
            assertEquals(1, ((Number) t.getSpec().getConfig().get("min.insync.replicas")).intValue(), name);
        });
    }

    static Map<String, KafkaTopic> topics(String overlay) {
        Map<String, KafkaTopic> out = new TreeMap<>();
        Repo.ofKind(overlay, "KafkaTopic").map(d -> TypedModels.parse(d, KafkaTopic.class)).forEach(t -> out.put(
                t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName(), t));
        return out;
    }

    /** The one line of topics.yaml for a new topic, with the defaults of its kind. */
    static String line(String topic) {
        boolean longLived = topic.startsWith(Topics.DEAD_LETTER_PREFIX) || topic.startsWith("careline.audit.");
        int partitions = topic.startsWith(Topics.DEAD_LETTER_PREFIX) ? 3 : 12;
        return "  - {apiVersion: kafka.strimzi.io/v1beta2, kind: KafkaTopic, metadata: {name: " + topic
                + ", labels: {strimzi.io/cluster: careline}}, spec: {partitions: " + partitions
                + ", replicas: 3, config: {retention.ms: " + (longLived ? "2592000000" : "604800000")
                + ", min.insync.replicas: 2}}}";
    }

    static List<String> names(String overlay) {
        return List.copyOf(topics(overlay).keySet());
    }
}
