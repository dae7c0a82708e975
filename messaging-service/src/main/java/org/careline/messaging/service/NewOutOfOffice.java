package org.careline.messaging.service;

import java.time.LocalDateTime;

/**
 * An away period as a clinician gives it: local date-times in their time zone.
 *
 * @param clinicianId whose period; null for the caller themselves (an admin may name another clinician)
 */
public record NewOutOfOffice(String clinicianId, String delegateId, LocalDateTime from, LocalDateTime until,
                             String timeZone) {
}
