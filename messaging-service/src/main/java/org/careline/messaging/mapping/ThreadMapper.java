package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.rest.MessageResponse;
import org.careline.messaging.rest.NewThreadRequest;
import org.careline.messaging.rest.ThreadResponse;
import org.careline.messaging.service.NewThread;
import org.careline.messaging.service.ThreadDetails;

/** Maps between the API's records and the service's types, in one place. */
@ApplicationScoped
public class ThreadMapper {

    public NewThread toCommand(NewThreadRequest request) {
        return new NewThread(request.subject(), request.body(), request.topic(), request.patientId(),
                request.careTeam(), request.clinicianId());
    }

    public ThreadResponse toResponse(ThreadDetails details) {
        MessageThread t = details.thread();
        return new ThreadResponse(t.id.toString(), t.patientId, t.careTeam, t.subject, t.topic, t.status,
                t.patientInitiated, t.createdAt, t.updatedAt,
                details.messages().stream().map(this::toResponse).toList(), t.clinicianId, t.onBehalfOf);
    }

    private MessageResponse toResponse(Message m) {
        return new MessageResponse(m.id.toString(), m.authorId, m.authorRole, m.authorCredential, m.body, m.postedAt);
    }
}
