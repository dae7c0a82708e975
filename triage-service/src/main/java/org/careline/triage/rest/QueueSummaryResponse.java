package org.careline.triage.rest;

/** One pool of one care team with its open and overdue item counts. */
public record QueueSummaryResponse(String careTeam, String queue, long open, long overdue) {
}
