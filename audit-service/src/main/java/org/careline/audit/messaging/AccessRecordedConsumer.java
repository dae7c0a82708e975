package org.careline.audit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.service.AuditRecordService;
import org.careline.audit.service.KafkaPosition;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores every {@code careline.audit.access-recorded.v1} event of {@code careline.audit.records}. A
 * malformed record fails here, is nacked and lands on {@code careline.dlq.audit}; the next one is
 * processed normally.
 */
@ApplicationScoped
public class AccessRecordedConsumer {

    static final String CHANNEL = "access-records";

    private final EventCodec codec;
    private final AuditRecordService service;

    public AccessRecordedConsumer(EventCodec codec, AuditRecordService service) {
        this.codec = codec;
        this.service = service;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String record, IncomingKafkaRecordMetadata<String, String> metadata) {
        CloudEvent event = codec.read(record);                 // malformed -> exception -> nack -> DLQ
        if (!EventType.ACCESS_RECORDED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();                // other event types on the topic: not ours
        }
        KafkaPosition position = new KafkaPosition(metadata.getTopic(), metadata.getPartition(), metadata.getOffset());
        return service.store(event, record, position).replaceWithVoid();
    }
}
