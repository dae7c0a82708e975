package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.VisitReason;
import org.careline.events.VisitRequestSource;
import org.careline.events.VisitType;

import java.time.Instant;
import java.util.UUID;

/**
 * A thread messaging converted into a visit request: if the E/M visit follows within the look-ahead, the
 * e-visit time of the window rolls into it (not separately billable). Identifiers and codes only.
 */
@Entity
@Table(name = "visit_request")
public class VisitRequest {

    @Id
    @Column(name = "visit_request_id")
    public String id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VisitRequestSource source;

    @Enumerated(EnumType.STRING)
    @Column(name = "visit_type", nullable = false)
    public VisitType visitType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VisitReason reason;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
