package org.careline.billing.rest;

import org.careline.billing.EpisodeStatus;

import java.time.Instant;
import java.util.List;

/**
 * An e-visit billing episode as billers see it.
 *
 * @param openedAt     when a physician/QHP first reviewed the inquiry; null while awaiting review
 * @param totalMinutes cumulative physician/QHP minutes so far
 * @param code         the billing code once decided, else null
 */
public record EpisodeResponse(String id, String patientId, String careTeam, EpisodeStatus status,
                              List<String> threadIds, Instant openedAt, int totalMinutes, String code,
                              Instant createdAt, Instant updatedAt) {
}
