package org.careline.triage.service;

import org.careline.events.Urgency;
import org.careline.triage.QueueItem;
import org.careline.triage.QueueStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A committed change to a queue item, pushed to the live stream of the item's care team. Identifiers and
 * codes only (no patient id, no text).
 *
 * @param change what happened: QUEUED, UPDATED, CLAIMED, RELEASED, REASSIGNED, RECLASSIFIED, COMPLETED, ESCALATED
 */
public record QueueChange(String change, UUID itemId, UUID threadId, String careTeam, String queue, Urgency urgency,
                          int priority, Instant dueAt, QueueStatus status, String assignee, Instant at) {

    public static QueueChange of(String change, QueueItem item, Instant at) {
        return new QueueChange(change, item.id, item.threadId, item.careTeam, item.queue, item.urgency, item.priority,
                item.dueAt, item.status, item.assignee, at);
    }
}
