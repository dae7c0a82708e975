package org.careline.triage.service;

import java.time.Instant;
import java.util.List;

/**
 * Workload analytics over [from, to): one row per pool or per care-team member, and the practice totals (admins
 * only; null for a care-team member asking for their own figures).
 */
public record WorkloadReport(Instant from, Instant to, String groupBy, String careTeam, Instant generatedAt,
                             List<WorkloadRow> rows, WorkloadRow totals) {
}
