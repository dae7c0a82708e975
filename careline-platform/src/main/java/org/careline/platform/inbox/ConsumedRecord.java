package org.careline.platform.inbox;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import java.util.ArrayList;
import java.util.List;

/** One record of a consumed Kafka batch, with where it came from (for the dead-letter headers). */
public record ConsumedRecord(String key, String value, String topic, int partition, long offset) {

    /** The batch's records in the order the poll returned them (offset order within each partition). */
    public static List<ConsumedRecord> of(KafkaRecordBatch<String, String> batch) {
        List<ConsumedRecord> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new IllegalStateException("a consumed record without its Kafka metadata"));
            records.add(new ConsumedRecord(record.getKey(), record.getPayload(), kafka.getTopic(),
                    kafka.getPartition(), kafka.getOffset()));
        }
        return records;
    }
}
