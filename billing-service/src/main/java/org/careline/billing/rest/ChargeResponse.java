package org.careline.billing.rest;

import org.careline.billing.ChargeStatus;
import org.careline.billing.VoidReason;
import org.careline.billing.rules.CodeFamily;
import org.careline.billing.rules.Reason;

import java.time.Instant;

/**
 * An e-visit charge. No place-of-service or modifier: online digital E/M is not telehealth (no POS 02/10,
 * no modifier 95).
 *
 * @param serviceStart the window's start (first review)
 * @param serviceEnd   the window's exclusive end
 * @param reason       why not billable, held or voided by re-evaluation
 * @param voidReason   why a biller voided it
 */
public record ChargeResponse(String id, String episodeId, String patientId, String billingGroup, ChargeStatus status,
                             String code, CodeFamily codeFamily, int minutes, Reason reason, VoidReason voidReason,
                             Instant serviceStart, Instant serviceEnd, Instant createdAt, Instant updatedAt,
                             Instant submittedAt) {
}
