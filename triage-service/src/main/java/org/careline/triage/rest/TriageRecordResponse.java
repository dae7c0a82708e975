package org.careline.triage.rest;

import java.util.List;

/** A thread's triage: its open queue item (null when none is open) and its decisions, newest first. */
public record TriageRecordResponse(String threadId, String patientId, String careTeam, QueueItemResponse queueItem,
                                   List<DecisionResponse> decisions) {
}
