package org.careline.events;

import java.time.Instant;

/**
 * An e-visit charge changed state in billing. Identifiers and codes only (no PHI beyond the patient id).
 *
 * @param status         PENDING, READY, HELD, SUBMITTED, VOID or NOT_BILLABLE
 * @param previousStatus null when the charge is new
 * @param code           the CPT code (99421-99423, 98970-98972) once decided billable, else null
 * @param minutes        the counted minutes of the reported code family
 * @param reason         why not billable, held (CONSENT_MISSING) or voided, else null
 */
public record ChargeChanged(
        String chargeId,
        String episodeId,
        String patientId,
        String status,
        String previousStatus,
        String code,
        int minutes,
        String reason,
        Instant changedAt) {
}
