package org.careline.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.ParticipantRole;

import java.time.Instant;
import java.util.UUID;

/** One message in a thread. Its body is PHI: never log it. */
@Entity
@Table(name = "message")
public class Message {

    @Id
    public UUID id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_role", nullable = false)
    public ParticipantRole authorRole;

    @Column(name = "author_credential")
    public String authorCredential;

    @Column(nullable = false)
    public String body;

    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;

    /** Minutes a care-team member spent on this reply (e-visit time); null when none was logged. */
    @Column(name = "time_spent_minutes")
    public Integer timeSpentMinutes;

    /** Whether the care-team member evaluated the patient's problem with this reply; null when not said. */
    @Column(name = "clinical_assessment")
    public Boolean clinicalAssessment;

    @Override
    public String toString() {
        return "Message[id=" + id + ", threadId=" + threadId + "]";
    }
}
