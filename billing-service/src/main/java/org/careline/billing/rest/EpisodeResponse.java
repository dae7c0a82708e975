package org.careline.billing.rest;

import org.careline.billing.EpisodeStatus;
import org.careline.billing.rules.CodeFamily;
import org.careline.billing.rules.Reason;

import java.time.Instant;
import java.util.List;

/**
 * An e-visit billing episode as billers see it.
 *
 * @param openedAt     when a physician/QHP first reviewed the inquiry with a clinical assessment (the window's
 *                     start); null while awaiting review
 * @param windowEnd    the window's exclusive end; null while awaiting review
 * @param totalMinutes counted minutes: so far while pending, of the reported code family once decided
 * @param code         the billing code once decided billable (kept while held), else null
 * @param reason       why not billable or held, else null
 * @param decidedAt    when the rules last decided it, else null
 */
public record EpisodeResponse(String id, String patientId, String careTeam, EpisodeStatus status,
                              List<String> threadIds, Instant openedAt, int totalMinutes, String code,
                              Instant createdAt, Instant updatedAt, Instant windowEnd, CodeFamily codeFamily,
                              Reason reason, Instant decidedAt) {
}
