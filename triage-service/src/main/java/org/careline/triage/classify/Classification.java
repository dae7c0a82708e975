package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.Urgency;

/**
 * A classifier's answer.
 *
 * @param confidence   a heuristic score in [0, 1], not a calibrated probability
 * @param explanation  which rules and phrases decided, in rule vocabulary (never quoted message text)
 * @param rulesVersion the version of the rules that decided
 */
public record Classification(Urgency urgency, Category category, double confidence, String explanation,
                             String rulesVersion) {
}
