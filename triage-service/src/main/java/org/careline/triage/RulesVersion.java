package org.careline.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A published triage rules document. Immutable once published: a change is a new version. */
@Entity
@Table(name = "triage_rules_version")
public class RulesVersion {

    @Id
    public String version;

    /** The rules document as JSON (no patient data). */
    @Column(nullable = false)
    public String document;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
