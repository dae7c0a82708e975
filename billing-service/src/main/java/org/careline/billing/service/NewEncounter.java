package org.careline.billing.service;

import org.careline.billing.rules.EncounterKind;

import java.time.LocalDate;
import java.util.List;

/** An encounter the EHR reports, as the service takes it. */
public record NewEncounter(String externalId, String patientId, LocalDate date, EncounterKind kind,
                           List<String> problemCodes, LocalDate globalPeriodEnd) {
}
