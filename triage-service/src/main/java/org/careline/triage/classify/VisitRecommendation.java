package org.careline.triage.classify;

import org.careline.events.VisitReason;
import org.careline.events.VisitType;

/**
 * A visit rule fired: the thread should become a visit request of this type and reason. Codes and rule
 * vocabulary only, never message text.
 *
 * @param ruleId      the visit rule of the rules configuration that fired
 * @param explanation which rule phrase matched, in rule vocabulary
 */
public record VisitRecommendation(String ruleId, VisitType visitType, VisitReason reason, String explanation) {
}
