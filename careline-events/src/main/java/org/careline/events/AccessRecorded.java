package org.careline.events;

import java.time.Instant;

/**
 * Someone accessed (or tried to access) patient data. Identifiers only: never message text, names
 * or other PHI beyond the patient id.
 *
 * @param service       the service that observed the access
 * @param userId        who: the identity provider's subject id
 * @param username      who, readable
 * @param role          the role they acted in (patient, clinician, auditor...)
 * @param clientId      the OAuth client they came through
 * @param sourceAddress the network address the request came from
 * @param resourceType  e.g. {@code Thread}
 * @param patientId     whose data, null when no patient is involved
 * @param purposeOfUse  HL7 purpose of use, e.g. {@code TREAT}, {@code HPAYMT}, {@code HOPERAT}
 * @param requestId     correlates with the request logs
 */
public record AccessRecorded(
        String service,
        String userId,
        String username,
        String role,
        String clientId,
        String sourceAddress,
        AuditAction action,
        String resourceType,
        String resourceId,
        String patientId,
        String purposeOfUse,
        AuditOutcome outcome,
        String requestId,
        Instant occurredAt) {
}
