package org.careline.audit.service;

/**
 * Where a record was read from in Kafka. The later per-partition hash chain orders records by it.
 *
 * @param topic     the topic the record came from
 * @param partition its partition
 * @param offset    its offset in the partition
 */
public record KafkaPosition(String topic, int partition, long offset) {
}
