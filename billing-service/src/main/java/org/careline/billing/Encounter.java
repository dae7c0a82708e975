package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.billing.rules.EncounterKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A service the EHR reported for a patient: an E/M visit, or a procedure with its global period. */
@Entity
@Table(name = "encounter")
public class Encounter {

    @Id
    public UUID id;

    /** The EHR's own id: reporting it twice is a conflict, not a second encounter. */
    @Column(name = "external_id", nullable = false, unique = true)
    public String externalId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** The local date of service (the practice's zone). */
    @Column(name = "encounter_date", nullable = false)
    public LocalDate date;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EncounterKind kind;

    /** ICD-10-CM codes, comma-separated. */
    @Column(name = "problem_codes")
    public String problemCodes;

    @Column(name = "global_period_end")
    public LocalDate globalPeriodEnd;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
