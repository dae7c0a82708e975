package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A patient's consent to possible e-visit charges, with the version of the text they agreed to. */
@Entity
@Table(name = "consent")
public class Consent {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "text_version", nullable = false)
    public String textVersion;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorder_role", nullable = false)
    public String recorderRole;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
