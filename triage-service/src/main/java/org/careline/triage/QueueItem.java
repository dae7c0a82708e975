package org.careline.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.Urgency;

import java.time.Instant;
import java.util.UUID;

/** A thread waiting in a care-team pool. At most one OPEN item per thread. */
@Entity
@Table(name = "queue_item")
public class QueueItem {

    @Id
    public UUID id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "care_team", nullable = false)
    public String careTeam;

    /** The pool within the care team, e.g. {@code nurse-pool}. */
    @Column(nullable = false)
    public String queue;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Urgency urgency;

    /** 1 is the most pressing; derived from the urgency. */
    @Column(nullable = false)
    public int priority;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public QueueStatus status;

    @Column(name = "last_message_id", nullable = false)
    public String lastMessageId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The user id of who holds the item (claimed or assigned), or null. */
    public String assignee;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** When the overdue escalation was sent (at most once per item), or null. */
    @Column(name = "overdue_escalated_at")
    public Instant overdueEscalatedAt;
}
