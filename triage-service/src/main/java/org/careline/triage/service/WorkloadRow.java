package org.careline.triage.service;

import java.util.Map;

/**
 * The workload figures of one pool (of one care team) or one care-team member over a period, and the backlog now.
 * Counts and codes only: no patient id, no thread id, no text.
 *
 * @param careTeam          the care team (pool rows), else null
 * @param pool              the pool (pool rows; {@code unrouted} for messages not yet triaged and replies to no
 *                          patient message), else null
 * @param clinician         the care-team member's user id (clinician rows), else null
 * @param received          patient messages of the period (clinician rows: those whose queue item they held or completed)
 * @param answered          of those, how many have a care-team reply (clinician rows: messages they answered first)
 * @param repliesSent       care-team replies posted in the period
 * @param afterHoursReplies of those, posted outside the practice's business hours
 * @param afterHoursShare   afterHoursReplies / repliesSent, null without replies
 * @param autoReplies       automatic replies posted in the period (pool rows and totals)
 * @param openBacklog       open queue items now (clinician rows: the ones they hold)
 * @param overdueBacklog    of those, past their due time now
 * @param turnaround        first-response times by urgency ({@code ALL}, {@code EMERGENT}, {@code URGENT}, {@code ROUTINE})
 */
public record WorkloadRow(String careTeam, String pool, String clinician, long received, long answered, long repliesSent,
                          long afterHoursReplies, Double afterHoursShare, long autoReplies, long openBacklog,
                          long overdueBacklog, Map<String, TurnaroundStats> turnaround) {
}
