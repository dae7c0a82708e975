package org.careline.billing.rest;

import java.time.Instant;

/** A patient's established status as recorded, and how many decided episodes it changed. */
public record PatientStatusResponse(String patientId, boolean established, Instant updatedAt, int reevaluated) {
}
