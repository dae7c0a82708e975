package org.careline.triage.rest;

import org.careline.events.Category;
import org.careline.events.Urgency;

import java.time.Instant;

/**
 * How one message was classified and why (rule vocabulary, never message text); {@code visitRecommendation} is
 * null unless a visit rule fired.
 */
public record DecisionResponse(String messageId, Urgency urgency, Category category, double confidence,
                               String explanation, String rulesVersion, Instant decidedAt,
                               VisitRecommendationResponse visitRecommendation) {
}
