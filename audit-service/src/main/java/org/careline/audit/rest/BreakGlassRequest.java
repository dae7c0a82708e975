package org.careline.audit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A clinician's request for emergency access.
 *
 * @param reason free text, kept in audit-service only and shown to auditors
 */
@Schema(example = "{\"patientId\":\"P-1001\",\"reason\":\"Covering the emergency department; patient unresponsive on arrival.\"}")
public record BreakGlassRequest(String patientId, String reason) {
}
