package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.VisitRequest;
import org.careline.messaging.rest.VisitRequestBody;
import org.careline.messaging.rest.VisitRequestUpdateBody;
import org.careline.messaging.service.VisitRequestChange;
import org.careline.messaging.rest.VisitRequestResponse;
import org.careline.messaging.service.NewVisitRequest;

/** Maps visit requests between the API and the service. */
@ApplicationScoped
public class VisitRequestMapper {

    public NewVisitRequest toCommand(VisitRequestBody body) {
        return new NewVisitRequest(body.visitType(), body.reason(), body.note());
    }

    public VisitRequestResponse toResponse(VisitRequest r) {
        return new VisitRequestResponse(r.id.toString(), r.threadId.toString(), r.patientId, r.careTeam, r.visitType,
                r.reason, r.note, r.source, r.requestedBy, r.status, r.replyMessageId.toString(), r.requestedAt,
                r.appointmentAt, r.cancelReason, r.updatedAt);
    }

    public VisitRequestChange toChange(VisitRequestUpdateBody body) {
        return new VisitRequestChange(body.status(), body.appointmentAt(), body.cancelReason());
    }
}
