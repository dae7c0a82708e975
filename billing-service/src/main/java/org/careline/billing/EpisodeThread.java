package org.careline.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.careline.events.MessageTopic;

import java.time.Instant;
import java.util.UUID;

/** A patient-initiated thread covered by an episode. A thread may be in successive episodes. */
@Entity
@Table(name = "episode_thread")
public class EpisodeThread {

    @Id
    public UUID id;

    @Column(name = "thread_id", nullable = false)
    public UUID threadId;

    @Column(name = "episode_id", nullable = false)
    public UUID episodeId;

    /** The reason the patient picked: scheduling, refills or results alone are not billable E/M work. */
    @Enumerated(EnumType.STRING)
    @Column
    public MessageTopic topic;

    @Column(name = "thread_opened_at", nullable = false)
    public Instant threadOpenedAt;
}
