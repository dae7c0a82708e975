package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a care team, or one clinician of it (by username), accepts secure messages, and how fast it
 * answers. The team's own row has an empty {@link #clinician}. Without a row, messages are accepted.
 */
@Entity
@Table(name = "directory_entry")
@IdClass(DirectoryEntry.Key.class)
public class DirectoryEntry {

    /** The {@link #clinician} of a care team's own row. */
    public static final String TEAM = "";

    @Id
    @Column(name = "care_team")
    public String careTeam;

    @Id
    @Column(name = "clinician")
    public String clinician;

    @Column(name = "display_name")
    public String displayName;

    @Column
    public String credential;

    @Column(name = "accepts_messages", nullable = false)
    public boolean acceptsMessages;

    /** Expected answer time in hours; null: the practice's default turnaround. */
    @Column(name = "turnaround_hours")
    public Integer turnaroundHours;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isTeam() {
        return TEAM.equals(clinician);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String careTeam;
        public String clinician;

        public Key() {
        }

        public Key(String careTeam, String clinician) {
            this.careTeam = careTeam;
            this.clinician = clinician;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(careTeam, k.careTeam) && Objects.equals(clinician, k.clinician);
        }

        @Override
        public int hashCode() {
            return Objects.hash(careTeam, clinician);
        }
    }
}
