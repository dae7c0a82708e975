package org.careline.messaging.service;

import java.time.LocalDateTime;

/**
 * An away period as a clinician gives it: local date-times in their time zone.
 *
 * @param clinician whose period (username); null for the caller themselves (an admin may name another clinician)
 */
public record NewOutOfOffice(String clinician, String delegate, LocalDateTime from, LocalDateTime until,
                             String timeZone) {
}
