package org.careline.billing.rest;

import java.time.Instant;

/**
 * A patient's consent to possible e-visit charges.
 *
 * @param validUntil when it stops covering new windows (yearly renewal by default); null when it never expires
 * @param current    whether it covers a window starting now
 * @param reevaluated held charges released (or otherwise changed) by recording it; 0 on reads
 */
public record ConsentResponse(String id, String patientId, String textVersion, Instant recordedAt,
                              Instant validUntil, boolean current, int reevaluated) {
}
