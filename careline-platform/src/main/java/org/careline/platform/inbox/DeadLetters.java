package org.careline.platform.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the dead letters of a consumed batch explicitly (in batch mode the connector's dead-letter strategy would
 * only see the whole batch): same key and value as received, and the headers the connector's strategy writes
 * ({@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}). The emitter's channel names the
 * dead-letter topic.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** Completes when the broker has every record (in the given order); fails if any send fails. */
    public static Uni<Void> send(MutinyEmitter<String> emitter, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(letters.size());
        letters.forEach(letter -> sends.add(send(emitter, letter)));
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, DeadLetter letter) {
        ConsumedRecord record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(letter.reason()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
