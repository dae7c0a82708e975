package org.careline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: the whole envelope is the Kafka record value
 * (content type {@code application/cloudevents+json}); the record key is {@link #partitionkey()}.
 *
 * @param id          unique per event; consumers deduplicate on it
 * @param source      the producing service, e.g. {@code /careline/messaging-service}
 * @param type        a versioned {@link EventType#type()}
 * @param subject     the aggregate the event is about, e.g. the thread id
 * @param partitionkey the Kafka record key (CloudEvents partitioning extension)
 * @param data        the payload, validated by the schema named in {@link #dataschema()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        String partitionkey,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** Kafka header carrying {@link #CONTENT_TYPE} on every relayed record. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** Kafka header repeating the event type, so tools can filter without parsing the value. */
    public static final String TYPE_HEADER = "ce_type";
}
