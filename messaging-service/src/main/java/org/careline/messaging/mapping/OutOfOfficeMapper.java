package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.OutOfOffice;
import org.careline.messaging.rest.OutOfOfficeRequest;
import org.careline.messaging.rest.OutOfOfficeResponse;
import org.careline.messaging.service.NewOutOfOffice;

import java.time.LocalDateTime;
import java.time.ZoneId;

/** Maps away periods between the API's records and the service's types. */
@ApplicationScoped
public class OutOfOfficeMapper {

    public NewOutOfOffice toCommand(OutOfOfficeRequest r) {
        return new NewOutOfOffice(r.clinician(), r.delegate(), r.from(), r.until(), r.timeZone());
    }

    public OutOfOfficeResponse toResponse(OutOfOffice p) {
        ZoneId zone = ZoneId.of(p.timeZone);
        return new OutOfOfficeResponse(p.id.toString(), p.clinicianId, p.delegateId,
                LocalDateTime.ofInstant(p.startsAt, zone), LocalDateTime.ofInstant(p.endsAt, zone), p.timeZone,
                p.startsAt, p.endsAt);
    }
}
