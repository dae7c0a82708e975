package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A clinician's away period: messages addressed to them in [startsAt, endsAt) go to the delegate. */
@Entity
@Table(name = "out_of_office")
public class OutOfOffice {

    @Id
    public UUID id;

    /** The away clinician's username. */
    @Column(name = "clinician_id", nullable = false)
    public String clinicianId;

    @Column(name = "delegate_id", nullable = false)
    public String delegateId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    /** The zone the clinician gave the period in (IANA id), to show it back in their local time. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
