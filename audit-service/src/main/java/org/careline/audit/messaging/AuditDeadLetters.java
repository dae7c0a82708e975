package org.careline.audit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.careline.audit.service.BatchOutcome;
import org.careline.audit.service.ReceivedRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends records that cannot be stored to {@code careline.dlq.audit} (channel {@value #CHANNEL}), explicitly: in
 * batch mode the connector's dead-letter strategy would only see the batch, not the one bad record in it. Same
 * key and value as received, and the headers the connector's strategy writes ({@code dead-letter-reason},
 * {@code -topic}, {@code -partition}, {@code -offset}). The reason names ids only, never the record's content.
 */
@ApplicationScoped
public class AuditDeadLetters {

    static final String CHANNEL = "audit-dead-letters";

    private final MutinyEmitter<String> emitter;

    public AuditDeadLetters(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                            MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has every record (acks=all); fails if any send fails. */
    public Uni<Void> send(List<BatchOutcome.Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(rejected.size());
        rejected.forEach(r -> sends.add(send(r.record(), r.reason())));
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(ReceivedRecord record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(reason));
        if (record.position() != null) {
            headers.add("dead-letter-topic", bytes(record.position().topic()));
            headers.add("dead-letter-partition", bytes(Integer.toString(record.position().partition())));
            headers.add("dead-letter-offset", bytes(Long.toString(record.position().offset())));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
