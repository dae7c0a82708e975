package org.careline.triage.rest;

import org.careline.events.VisitReason;
import org.careline.events.VisitType;

/** A visit rule fired: messaging turns the thread into a visit request of this type and reason. Codes only. */
public record VisitRecommendationResponse(String ruleId, VisitType visitType, VisitReason reason) {
}
