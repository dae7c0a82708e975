package org.careline.billing;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessageTopic;
import org.careline.events.Participant;
import org.careline.events.ParticipantRole;
import org.careline.events.ThreadOpened;
import org.careline.events.TimeLogged;
import org.careline.events.Topics;
import org.careline.testsupport.RelayedEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Thread events as messaging's outbox relay publishes them, for the billing consumer. */
final class TestEvents {

    static final Participant PATIENT = new Participant("sub-patient1", ParticipantRole.PATIENT, null);
    static final Participant DR_LEE = new Participant("sub-dr.lee", ParticipantRole.CLINICIAN, "MD");
    static final Participant NP_KIM = new Participant("sub-np.kim", ParticipantRole.CLINICIAN, "NP");
    static final Participant RN_ORTIZ = new Participant("sub-rn.ortiz", ParticipantRole.CLINICIAN, "RN");
    static final EventCodec CODEC = new EventCodec();

    private TestEvents() {
    }

    static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static CloudEvent opened(UUID threadId, String patientId, Instant at) {
        return CODEC.envelope(EventType.THREAD_OPENED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), at, new ThreadOpened(threadId.toString(), patientId, "family-medicine",
                        MessageTopic.CLINICAL_QUESTION, PATIENT, true, at));
    }

    static CloudEvent logged(UUID threadId, String patientId, Participant who, int minutes, boolean assessed,
                             boolean patientInitiated, Instant at) {
        return CODEC.envelope(EventType.TIME_LOGGED, "/careline/messaging-service", threadId.toString(),
                threadId.toString(), at, new TimeLogged(threadId.toString(), "m-" + UUID.randomUUID(), patientId,
                        "family-medicine", MessageTopic.CLINICAL_QUESTION, who, minutes, assessed, patientInitiated, at));
    }

    /** In order, to one partition, as messaging's relay keys them by thread. */
    static void produce(KafkaCompanion kafka, CloudEvent... events) {
        for (CloudEvent event : events) {
            ProducerRecord<String, String> record = RelayedEvents.record(Topics.MESSAGING_THREADS, 0,
                    event.partitionkey(), CODEC.write(event), event.type());
            kafka.produceStrings().fromRecords(List.of(record)).awaitCompletion();
        }
    }
}
