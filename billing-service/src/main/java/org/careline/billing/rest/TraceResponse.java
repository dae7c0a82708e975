package org.careline.billing.rest;

import org.careline.billing.EpisodeStatus;
import org.careline.billing.rules.Reason;
import org.careline.billing.rules.TraceStep;

import java.time.Instant;
import java.util.List;

/**
 * Why an episode was decided as it was: every rule in evaluation order, with what it saw.
 *
 * @param steps empty until the window has been decided
 */
public record TraceResponse(String episodeId, EpisodeStatus status, String code, Reason reason, Instant decidedAt,
                            List<TraceStep> steps) {
}
