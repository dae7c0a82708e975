package org.careline.audit.service;

/**
 * One Kafka record as the consumer received it, before it is parsed.
 *
 * @param key      the record key (the patient id), kept for the dead-letter topic
 * @param value    the record value exactly as received (hashed and kept when stored)
 * @param position where it was read; null when it did not come through Kafka
 */
public record ReceivedRecord(String key, String value, KafkaPosition position) {
}
