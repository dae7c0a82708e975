package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadRead;
import org.careline.messaging.rest.MessageResponse;
import org.careline.messaging.rest.NewThreadRequest;
import org.careline.messaging.rest.ReadReceiptResponse;
import org.careline.messaging.rest.ReplyRequest;
import org.careline.messaging.rest.ThreadPageResponse;
import org.careline.messaging.rest.ThreadResponse;
import org.careline.messaging.rest.ThreadSummaryResponse;
import org.careline.messaging.service.NewReply;
import org.careline.messaging.service.NewThread;
import org.careline.messaging.service.ThreadDetails;
import org.careline.messaging.service.ThreadPage;

/** Maps between the API's records and the service's types, in one place. */
@ApplicationScoped
public class ThreadMapper {

    public NewThread toCommand(NewThreadRequest request) {
        return new NewThread(request.subject(), request.body(), request.topic(), request.patientId(),
                request.careTeam(), request.clinician());
    }

    public NewReply toCommand(ReplyRequest request) {
        return new NewReply(request.body(), request.timeSpentMinutes(), request.clinicalAssessment(),
                Boolean.TRUE.equals(request.replyDirectlyToMe()));
    }

    public ThreadResponse toResponse(ThreadDetails details) {
        MessageThread t = details.thread();
        boolean careTeamView = details.reach().isCareTeamSide();
        return new ThreadResponse(t.id.toString(), t.patientId, t.careTeam, t.subject, t.topic, t.status,
                t.patientInitiated, t.createdAt, t.updatedAt, t.addressedTo, t.closedAt,
                details.messages().stream().map(m -> toResponse(m, careTeamView)).toList(),
                details.reads().stream().map(this::toResponse).toList(), t.onBehalfOf);
    }

    public ThreadPageResponse toResponse(ThreadPage page) {
        return new ThreadPageResponse(page.threads().stream().map(this::toSummary).toList(), page.nextCursor());
    }

    public ReadReceiptResponse toResponse(ThreadRead read) {
        return new ReadReceiptResponse(read.threadId.toString(), read.readerId, read.readerRole,
                read.lastReadMessageId.toString(), read.readAt);
    }

    private ThreadSummaryResponse toSummary(MessageThread t) {
        return new ThreadSummaryResponse(t.id.toString(), t.patientId, t.careTeam, t.subject, t.topic, t.status,
                t.patientInitiated, t.createdAt, t.updatedAt, t.addressedTo, t.closedAt);
    }

    /** Logged time and assessments are the care team's working data: hidden from patients and caregivers. */
    private MessageResponse toResponse(Message m, boolean careTeamView) {
        return new MessageResponse(m.id.toString(), m.authorId, m.authorRole, m.authorCredential, m.body, m.postedAt,
                careTeamView ? m.timeSpentMinutes : null, careTeamView ? m.clinicalAssessment : null);
    }
}
