package org.careline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real single-node KRaft Kafka broker on loopback for the test run. Use
 * {@code new KafkaCompanion(EmbeddedKafkaResource.bootstrapServers())} to produce and consume in tests.
 */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;
    private EmbeddedKafkaBroker broker;

    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("EmbeddedKafkaResource is not started");
        }
        return bootstrapServers;
    }

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(freePort())
                .withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("num.partitions", "3");
                    props.put("auto.create.topics.enable", "true");
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        bootstrapServers = broker.getAdvertisedListeners();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        bootstrapServers = null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
