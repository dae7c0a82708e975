package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Whether the EHR reports the patient as established (seen by the group within 3 years). */
@Entity
@Table(name = "patient_status")
public class PatientStatus {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(nullable = false)
    public boolean established;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
