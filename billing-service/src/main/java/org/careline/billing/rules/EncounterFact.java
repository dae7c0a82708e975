package org.careline.billing.rules;

import java.time.LocalDate;

/**
 * A service the EHR reported for the patient.
 *
 * @param globalPeriodEnd last day of a procedure's surgical global period, else null
 */
public record EncounterFact(String id, LocalDate date, EncounterKind kind, LocalDate globalPeriodEnd) {
}
