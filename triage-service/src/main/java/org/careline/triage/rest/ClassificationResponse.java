package org.careline.triage.rest;

import org.careline.events.Category;
import org.careline.events.Urgency;

/**
 * A classifier decision: confidence is heuristic, the explanation names rules, never message text;
 * {@code visitRecommendation} is what triage would recommend (null when no visit rule fires).
 */
public record ClassificationResponse(Urgency urgency, Category category, double confidence, String explanation,
                                     String rulesVersion, VisitRecommendationResponse visitRecommendation) {
}
