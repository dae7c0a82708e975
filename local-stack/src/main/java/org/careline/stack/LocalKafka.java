package org.careline.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * Runs a real single-node Kafka 4 broker (KRaft: broker and controller in one process, no
 * ZooKeeper) as a long-lived local process for {@code ./careline up}.
 * <p>
 * The log directory survives restarts: it is formatted only on first start (with a fixed cluster
 * id, so a restart finds its own storage). Every replication factor and min ISR is 1, otherwise a
 * single node silently never commits consumer offsets or transactions. Stops cleanly on SIGTERM.
 *
 * <pre>
 * java -cp "local-stack/target/local-stack-0.1.0-SNAPSHOT.jar:local-stack/target/lib/*" \
 *   org.careline.stack.LocalKafka --port 19092 --controller-port 19093 --log-dir .careline/kafka/data
 * </pre>
 */
public final class LocalKafka {

    /** Fixed so that a restart recognises the storage it formatted ("careline-local-1" in base64). */
    static final String CLUSTER_ID = "Y2FyZWxpbmUtbG9jYWwtMQ";

    private static final String HOST = "127.0.0.1";

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        LauncherArgs options = LauncherArgs.parse("LocalKafka", args);
        int port = options.port("port", "CARELINE_KAFKA_PORT", 19092);
        int controllerPort = options.port("controller-port", "CARELINE_KAFKA_CONTROLLER_PORT", 19093);
        Path logDir = options.dir("log-dir", "CARELINE_KAFKA_DATA");
        Files.createDirectories(logDir);
        boolean fresh = !Files.exists(logDir.resolve("meta.properties"));

        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaHost(HOST)
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(CLUSTER_ID)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> props.putAll(brokerProperties(logDir)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            System.out.println("LocalKafka stopped");
        }, "local-kafka-stop"));
        broker.start();

        String bootstrap = HOST + ":" + port;
        awaitClusterVisible(bootstrap);
        System.out.printf("CARELINE READY kafka on %s (controller %s:%d, %s log dir %s) in %d ms%n",
                bootstrap, HOST, controllerPort, fresh ? "new" : "existing", logDir,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        LauncherArgs.awaitTermination();
    }

    /** Overrides applied on top of the companion's defaults. */
    static Properties brokerProperties(Path logDir) {
        Properties props = new Properties();
        // both keys: the companion creates a throw-away temp dir whenever "log.dir" is unset
        props.put("log.dir", logDir.toString());
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "3");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // the companion turns controlled shutdown off (fine for throw-away test brokers); without it
        // a restart waits ~10 s for the controller to expire the previous broker registration
        props.put("controlled.shutdown.enable", "true");
        // the companion disables high-watermark checkpoints (fine for tests that delete their
        // logs); a persistent broker should keep Kafka's default
        props.put("replica.high.watermark.checkpoint.interval.ms", "5000");
        return props;
    }

    /** The broker answers Admin requests: clients can connect, not just open a socket. */
    private static void awaitClusterVisible(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            admin.listTopics().names().get(60, TimeUnit.SECONDS);
        }
    }
}
