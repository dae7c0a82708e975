package org.careline.audit.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.service.AuditRecordService;
import org.careline.audit.service.BatchOutcome;
import org.careline.audit.service.KafkaPosition;
import org.careline.audit.service.ReceivedRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores the {@code careline.audit.access-recorded.v1} events of {@code careline.audit.records}, one Kafka poll
 * (batch mode, up to {@code max.poll.records}) per database transaction. Malformed records of a batch go to
 * {@code careline.dlq.audit} and the rest are stored. The batch is acknowledged (its offsets may be committed)
 * only after its records are stored and its dead letters are on the broker; if even that fails, the channel
 * stops (failure strategy {@code fail}) and the batch is consumed again after a restart, storing nothing twice.
 */
@ApplicationScoped
public class AccessRecordedConsumer {

    static final String CHANNEL = "access-records";
    static final String STORE_FAILED = "not stored: the database still failed after the retries";

    private final AuditRecordService service;
    private final AuditDeadLetters deadLetters;

    public AccessRecordedConsumer(AuditRecordService service, AuditDeadLetters deadLetters) {
        this.service = service;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<ReceivedRecord> received = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new IllegalStateException("a consumed record without its Kafka metadata"));
            received.add(new ReceivedRecord(record.getKey(), record.getPayload(),
                    new KafkaPosition(kafka.getTopic(), kafka.getPartition(), kafka.getOffset())));
        }
        return service.storeBatch(received)
                .map(BatchOutcome::rejected)
                .onFailure().recoverWithItem(failure -> {
                    // as before batching: good records are not lost when the database stays down, they wait on the
                    // dead-letter topic (the transaction rolled back, so none of this batch is stored)
                    Log.errorf("audit batch of %d records not stored (%s); sent to the dead-letter topic",
                            received.size(), failure.getClass().getSimpleName());
                    return received.stream().map(r -> new BatchOutcome.Rejected(r, STORE_FAILED)).toList();
                })
                .chain(deadLetters::send)
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }
}
