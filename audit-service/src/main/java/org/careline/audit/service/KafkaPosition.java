package org.careline.audit.service;

/**
 * Where a record was read from in Kafka. Each partition has its own hash chain.
 *
 * @param topic     the topic the record came from
 * @param partition its partition
 * @param offset    its offset in the partition
 */
public record KafkaPosition(String topic, int partition, long offset) {

    /** The chain of records that did not come through Kafka (none do in production). */
    public static final String UNPARTITIONED = "unpartitioned";

    /** The hash chain of this partition: {@code <topic>/<partition>}. */
    public String chainId() {
        return topic + "/" + partition;
    }
}
