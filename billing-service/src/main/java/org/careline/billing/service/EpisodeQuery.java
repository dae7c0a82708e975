package org.careline.billing.service;

import org.careline.billing.EpisodeStatus;

/**
 * Which episodes a biller asks for.
 *
 * @param status null for every status
 * @param cursor null for the first page
 * @param limit  null for the configured default page size
 */
public record EpisodeQuery(String patientId, EpisodeStatus status, String cursor, Integer limit) {

    /** How the query is named in audit records: its parameters, identifiers only. */
    String auditId() {
        return "patientId=" + patientId + (status == null ? "" : "&status=" + status);
    }
}
