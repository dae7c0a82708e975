package org.careline.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.ParticipantRole;

import java.time.Instant;
import java.util.UUID;

/**
 * A workload fact: one posted message, without its text, subject or patient id. Patient messages carry
 * their first care-team response; replies point at the patient message they answer.
 */
@Entity
@Table(name = "workload_message")
public class WorkloadMessage {

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkloadKind kind;

    /** The care-team member or system author; null for the patient's side. */
    @Column(name = "author_id")
    public String authorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_role", nullable = false)
    public ParticipantRole authorRole;

    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;

    @Column(name = "after_hours", nullable = false)
    public boolean afterHours;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "first_response_by")
    public String firstResponseBy;
}
