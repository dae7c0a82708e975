package org.careline.billing.rest;

import org.careline.billing.rules.EncounterKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A recorded encounter.
 *
 * @param reevaluated how many decided, unsubmitted episodes changed because of it (0 on reads)
 */
public record EncounterResponse(String id, String externalId, String patientId, LocalDate date, EncounterKind kind,
                                List<String> problemCodes, LocalDate globalPeriodEnd, Instant recordedAt,
                                int reevaluated) {
}
