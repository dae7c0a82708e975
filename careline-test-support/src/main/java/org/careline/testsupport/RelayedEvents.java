package org.careline.testsupport;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Kafka records shaped exactly as the outbox relay publishes them (structured-mode CloudEvent value,
 * content-type and type headers), so consumer tests exercise the real record format.
 */
public final class RelayedEvents {

    private static final EventCodec CODEC = new EventCodec();

    private RelayedEvents() {
    }

    /** The record the relay would publish for {@code event}: its type's topic, keyed by its partition key. */
    public static ProducerRecord<String, String> record(CloudEvent event) {
        EventType type = EventType.fromType(event.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()));
        return record(type.topic(), null, event.partitionkey(), CODEC.write(event), event.type());
    }

    /**
     * Reads {@code topic} from its start until a record matches, within {@code timeout}.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when none matches in time
     */
    public static ConsumerRecord<String, String> awaitRecord(KafkaCompanion kafka, String topic,
                                                             Predicate<ConsumerRecord<String, String>> match,
                                                             Duration timeout) {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(topic);
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> task.getRecords().stream().filter(match).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } finally {
            task.stop();
        }
    }

    /**
     * A relayed-looking record with any value (also a malformed one), for dead-letter tests.
     *
     * @param partition null lets the key choose the partition
     */
    public static ProducerRecord<String, String> record(String topic, Integer partition, String key, String value,
                                                        String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            headers.add(CloudEvent.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(topic, partition, key, value, headers);
    }
}
