package org.careline.triage.service;

import org.careline.triage.QueueItem;
import org.careline.triage.TriageDecision;

import java.util.List;
import java.util.UUID;

/**
 * What triage knows about a thread: its decisions, newest first, and its open queue item (null once
 * the work is done).
 */
public record TriageRecord(UUID threadId, String patientId, String careTeam, List<TriageDecision> decisions,
                           QueueItem queueItem) {
}
