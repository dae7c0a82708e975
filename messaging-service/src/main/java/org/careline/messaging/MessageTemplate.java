package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A care team's quick text with {@code {{placeholders}}} filled at use time. Written by staff: no patient data. */
@Entity
@Table(name = "message_template")
public class MessageTemplate {

    @Id
    public UUID id;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
