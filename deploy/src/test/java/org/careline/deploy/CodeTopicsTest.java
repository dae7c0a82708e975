package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.careline.deploy.CodeTopics.Consumption;
import org.careline.deploy.CodeTopics.KafkaService;
import org.careline.events.Topics;
import org.junit.jupiter.api.Test;

/** How topics, groups and dead-letter topics are read from a service's configuration, SmallRye's defaults included. */
class CodeTopicsTest {

    @Test
    void consumersTakeSmallRyesDefaultsWhereTheConfigurationIsSilent() {
        Properties p = new Properties();
        p.setProperty("quarkus.application.name", "billing-service");
        p.setProperty("mp.messaging.incoming.grants.connector", "smallrye-kafka");
        p.setProperty("mp.messaging.incoming.grants.topic", "careline.audit.grants");
        p.setProperty("mp.messaging.incoming.grants.failure-strategy", "dead-letter-queue");
        p.setProperty("mp.messaging.incoming.both.topics", "careline.a, careline.b");
        p.setProperty("mp.messaging.incoming.both.group.id", "billing-both");
        List<Consumption> c = CodeTopics.consumptions(new KafkaService("billing-service", p));
        assertEquals(Set.of(
                new Consumption("grants", "careline.audit.grants", "billing-service", "dead-letter-topic-grants"),
                new Consumption("both", "careline.a", "billing-both", null),
                new Consumption("both", "careline.b", "billing-both", null)), Set.copyOf(c));
    }

    @Test
    void producersWriteTheirAreasEventsAuditRecordsTheirDeadLettersAndNonOutboxChannels() {
        Properties p = new Properties();
        p.setProperty("quarkus.application.name", "triage-service");
        p.setProperty("mp.messaging.outgoing.careline-outbox.topic", "careline.unrouted");
        p.setProperty("mp.messaging.outgoing.alerts.topic", "careline.triage.alerts");
        p.setProperty("mp.messaging.incoming.in.topic", "careline.messaging.messages");
        p.setProperty("mp.messaging.incoming.in.failure-strategy", "dead-letter-queue");
        p.setProperty("mp.messaging.incoming.in.dead-letter-queue.topic", "careline.dlq.triage");
        Set<String> produced = CodeTopics.produced(new KafkaService("triage-service", p));
        assertTrue(produced.containsAll(List.of(Topics.TRIAGE_DECISIONS, Topics.TRIAGE_ESCALATIONS, Topics.AUDIT_RECORDS,
                "careline.dlq.triage", "careline.triage.alerts")), produced.toString());
        assertTrue(produced.stream().noneMatch(t -> t.equals("careline.unrouted") || t.startsWith("careline.messaging.")),
                produced.toString());
    }

    @Test
    void theServicesAreTheRootModulesThatConfigureKafka() {
        List<String> names = CodeTopics.kafkaServices().stream().map(KafkaService::name).toList();
        assertTrue(names.containsAll(List.of("messaging-service", "triage-service", "billing-service", "audit-service")),
                names.toString());
        assertTrue(!names.contains("gateway"), "the gateway has no Kafka");
    }
}
