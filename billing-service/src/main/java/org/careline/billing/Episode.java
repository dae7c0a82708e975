package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An e-visit (online digital E/M) billing episode: the cumulative physician/QHP time spent on a
 * patient's inquiry over up to 7 days from the first review, billed once as 99421-99423 (or
 * 98970-98972 for qualified nonphysician professionals). Its threads are {@link EpisodeThread}s.
 */
@Entity
@Table(name = "episode")
public class Episode {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EpisodeStatus status;

    /** When a physician/QHP first reviewed the inquiry: the 7-day window starts here. Null until then. */
    @Column(name = "opened_at")
    public Instant openedAt;

    /** Cumulative physician/QHP minutes; clinical staff time never counts. */
    @Column(name = "total_minutes", nullable = false)
    public int totalMinutes;

    /** The billing code once decided, e.g. {@code 99422}; null until then. */
    @Column
    public String code;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
