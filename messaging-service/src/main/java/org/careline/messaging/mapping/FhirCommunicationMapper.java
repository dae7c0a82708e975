package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.ParticipantRole;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Threads as FHIR R4 {@code Communication}s: one header per thread (its subject, topic, care team and
 * status) and one per message, {@code partOf} the header and {@code inResponseTo} the message before it.
 */
@ApplicationScoped
public class FhirCommunicationMapper {

    /** Careline's identifier and code systems. */
    public static final String THREAD_SYSTEM = "https://careline.dev/fhir/sid/thread";
    public static final String MESSAGE_SYSTEM = "https://careline.dev/fhir/sid/message";
    public static final String TOPIC_SYSTEM = "https://careline.dev/fhir/CodeSystem/message-topic";
    public static final String CARE_TEAM_SYSTEM = "https://careline.dev/fhir/sid/care-team";
    public static final String USER_SYSTEM = "https://careline.dev/fhir/sid/user";

    /**
     * A searchset bundle of the threads, each followed by its messages.
     *
     * @param base     the FHIR base URL, e.g. {@code https://careline.example/api/v1/fhir}
     * @param selfUrl  the search URL, for the bundle's self link
     */
    public Bundle toBundle(String base, String selfUrl, List<MessageThread> threads,
                           Map<UUID, List<Message>> messagesByThread) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(selfUrl);
        for (MessageThread thread : threads) {
            add(bundle, base, header(thread));
            Message previous = null;
            for (Message message : messagesByThread.getOrDefault(thread.id, List.of())) {
                add(bundle, base, message(thread, message, previous));
                previous = message;
            }
        }
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    public Communication header(MessageThread thread) {
        Communication header = new Communication();
        header.setId(thread.id.toString());
        header.addIdentifier(new Identifier().setSystem(THREAD_SYSTEM).setValue(thread.id.toString()));
        header.setStatus(thread.status == ThreadStatus.CLOSED
                ? Communication.CommunicationStatus.COMPLETED : Communication.CommunicationStatus.INPROGRESS);
        header.setSubject(patient(thread));
        header.setTopic(new CodeableConcept(new Coding(TOPIC_SYSTEM, thread.topic.name(), null))
                .setText(thread.subject));
        header.setSent(Date.from(thread.createdAt));
        header.addRecipient(new Reference().setType("CareTeam")
                .setIdentifier(new Identifier().setSystem(CARE_TEAM_SYSTEM).setValue(thread.careTeam)));
        header.setSender(person(thread, thread.createdByRole, thread.createdBy));
        return header;
    }

    public Communication message(MessageThread thread, Message message, Message previous) {
        Communication communication = new Communication();
        communication.setId(message.id.toString());
        communication.addIdentifier(new Identifier().setSystem(MESSAGE_SYSTEM).setValue(message.id.toString()));
        communication.addPartOf(new Reference("Communication/" + thread.id));
        if (previous != null) {
            communication.addInResponseTo(new Reference("Communication/" + previous.id));
        }
        communication.setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.setSubject(patient(thread));
        communication.setSent(Date.from(message.postedAt));
        communication.setSender(person(thread, message.authorRole, message.authorId));
        communication.addPayload().setContent(new StringType(message.body));
        return communication;
    }

    private static Reference patient(MessageThread thread) {
        return new Reference("Patient/" + thread.patientId);
    }

    /** The patient by reference; anyone else by their identity-provider id, typed by role. */
    private static Reference person(MessageThread thread, ParticipantRole role, String userId) {
        if (role == ParticipantRole.PATIENT) {
            return patient(thread);
        }
        String type = role == ParticipantRole.CAREGIVER ? "RelatedPerson" : "Practitioner";
        return new Reference().setType(type).setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(userId));
    }

    private static void add(Bundle bundle, String base, Communication resource) {
        bundle.addEntry()
                .setFullUrl(base + "/Communication/" + resource.getIdElement().getIdPart())
                .setResource(resource)
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }
}
