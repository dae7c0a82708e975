package org.careline.audit.rest;

import org.careline.events.AuditAction;

import java.time.Instant;

/**
 * One access to a patient's data in the accounting of disclosures.
 *
 * @param purposeOfUse HL7 v3 PurposeOfUse: why (TREAT, ETREAT for break-the-glass, HPAYMT, HOPERAT...)
 * @param breakGlass   whether it was an emergency access under a break-the-glass grant
 */
public record DisclosureEntry(Instant occurredAt, String userId, String username, String role, String service,
                              AuditAction action, String resourceType, String resourceId, String purposeOfUse,
                              boolean breakGlass) {
}
