package org.careline.messaging.rest;

import java.time.Instant;
import java.time.LocalDateTime;

/** An away period: as given (local, with its zone) and as instants. */
public record OutOfOfficeResponse(String id, String clinician, String delegate, LocalDateTime from,
                                  LocalDateTime until, String timeZone, Instant startsAt, Instant endsAt) {
}
