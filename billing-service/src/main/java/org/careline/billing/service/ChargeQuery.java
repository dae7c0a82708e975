package org.careline.billing.service;

import org.careline.billing.ChargeStatus;

/**
 * Which charges a caller asks for.
 *
 * @param status    null for every status
 * @param patientId null for every patient
 * @param cursor    null for the first page
 * @param limit     null for the configured default page size
 */
public record ChargeQuery(ChargeStatus status, String patientId, String cursor, Integer limit) {

    /** How the query is named in audit records: its parameters, identifiers only. */
    String auditId() {
        String id = (status == null ? "" : "status=" + status) + (patientId == null ? "" : "&patientId=" + patientId);
        return id.startsWith("&") ? id.substring(1) : id.isEmpty() ? "all" : id;
    }
}
