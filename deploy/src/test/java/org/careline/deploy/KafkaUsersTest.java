package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.careline.deploy.CodeTopics.Consumption;
import org.careline.deploy.CodeTopics.KafkaService;
import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

/**
 * Every Kafka-using service has a KafkaUser whose ACLs are exactly what its code needs: Read+Describe on the
 * topics it consumes and Read on its group, Write+Describe on what it produces and on its dead-letter topic.
 * On failure the message lists the ACL lines to add or remove in deploy/k8s/base/kafka/users.yaml.
 */
class KafkaUsersTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceHasAScramUserWithExactlyTheAclsItsCodeNeeds(String overlay) {
        Map<String, KafkaUser> users = new TreeMap<>();
        Repo.ofKind(overlay, "KafkaUser").map(d -> TypedModels.parse(d, KafkaUser.class))
                .forEach(u -> users.put(u.getMetadata().getName(), u));
        StringBuilder problems = new StringBuilder();
        for (KafkaService s : CodeTopics.kafkaServices()) {
            KafkaUser user = users.remove(s.name());
            if (user == null) {
                problems.append("\nno KafkaUser ").append(s.name());
                continue;
            }
            assertInstanceOf(KafkaUserScramSha512ClientAuthentication.class, user.getSpec().getAuthentication(), s.name());
            Set<String> actual = acls((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization());
            Set<String> expected = expectedAcls(s);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                problems.append("\n").append(s.name()).append(": add\n").append(lines(missing));
            }
            if (!extra.isEmpty()) {
                problems.append("\n").append(s.name()).append(": remove (the code does not use them)\n").append(lines(extra));
            }
        }
        users.keySet().forEach(u -> problems.append("\nKafkaUser of no Kafka service: ").append(u));
        assertEquals("", problems.toString());
    }

    @Test
    void theExpectedAclsFollowTheConsumersDeclaredInApplicationProperties() {
        KafkaService triage = CodeTopics.kafkaServices().stream().filter(s -> s.name().equals("triage-service"))
                .findFirst().orElseThrow();
        Set<String> expected = expectedAcls(triage);
        for (Consumption c : CodeTopics.consumptions(triage)) {
            assertTrue(expected.contains(acl("topic", c.topic(), "Read")), c.toString());
            assertTrue(expected.contains(acl("group", c.group(), "Read")), c.toString());
            assertTrue(expected.contains(acl("topic", c.deadLetterTopic(), "Write")), c.toString());
        }
        assertTrue(expected.contains(acl("topic", "careline.audit.records", "Write")));
        assertTrue(expected.stream().noneMatch(a -> a.contains("careline.messaging.threads")),
                "triage neither reads nor writes thread events");
    }

    @Test
    void servicesAuthenticateWithTheirOwnUsersSecretOnTheScramTlsListener() {
        Kafka kafka = TypedModels.parse(Repo.one("prod", "Kafka", "careline"), Kafka.class);
        assertInstanceOf(KafkaAuthorizationSimple.class, kafka.getSpec().getKafka().getAuthorization());
        for (GenericKafkaListener l : kafka.getSpec().getKafka().getListeners()) {
            assertTrue(l.isTls(), l.getName() + " listener uses TLS");
            assertInstanceOf(KafkaListenerAuthenticationScramSha512.class, l.getAuth(), l.getName());
        }
        for (KafkaService s : CodeTopics.kafkaServices()) {
            Deployment d = TypedModels.parse(Repo.one("prod", "Deployment", s.name()), Deployment.class);
            EnvVar jaas = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("CARELINE_KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            assertEquals(s.name(), jaas.getValueFrom().getSecretKeyRef().getName(), "the user's own Secret");
            assertEquals("sasl.jaas.config", jaas.getValueFrom().getSecretKeyRef().getKey());
        }
    }

    static Set<String> expectedAcls(KafkaService s) {
        Set<String> out = new TreeSet<>();
        for (Consumption c : CodeTopics.consumptions(s)) {
            out.add(acl("topic", c.topic(), "Read"));
            out.add(acl("topic", c.topic(), "Describe"));
            out.add(acl("group", c.group(), "Read"));
        }
        for (String topic : CodeTopics.produced(s)) {
            out.add(acl("topic", topic, "Write"));
            out.add(acl("topic", topic, "Describe"));
        }
        return out;
    }

    private static Set<String> acls(KafkaUserAuthorizationSimple authorization) {
        Set<String> out = new TreeSet<>();
        for (AclRule rule : authorization.getAcls()) {
            String type;
            String name;
            AclResourcePatternType pattern;
            if (rule.getResource() instanceof AclRuleTopicResource t) {
                type = "topic";
                name = t.getName();
                pattern = t.getPatternType();
            } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                type = "group";
                name = g.getName();
                pattern = g.getPatternType();
            } else {
                out.add("unexpected resource " + rule.getResource());
                continue;
            }
            if (pattern != AclResourcePatternType.LITERAL) {
                out.add(type + " " + name + " with a " + pattern + " pattern (only literal names are exact)");
                continue;
            }
            for (AclOperation op : rule.getOperations()) {
                out.add(acl(type, name, op.toValue()));
            }
        }
        return out;
    }

    private static String acl(String type, String name, String operation) {
        return type + " " + name + " " + operation;
    }

    /** One flow-style ACL line per resource, as users.yaml writes them. */
    private static String lines(Set<String> acls) {
        Map<String, Set<String>> byResource = new TreeMap<>();
        for (String a : acls) {
            int last = a.lastIndexOf(' ');
            byResource.computeIfAbsent(a.substring(0, last), k -> new TreeSet<>()).add(a.substring(last + 1));
        }
        return byResource.entrySet().stream().map(e -> {
            String[] typeName = e.getKey().split(" ", 2);
            return "          - {resource: {type: " + typeName[0] + ", name: " + typeName[1]
                    + ", patternType: literal}, operations: [" + String.join(", ", e.getValue()) + "]}";
        }).collect(Collectors.joining("\n"));
    }
}
