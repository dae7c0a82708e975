package org.careline.billing.rules;

/**
 * One rule as evaluated for a decision: identifiers, codes and numbers only (no PHI).
 *
 * @param rule   stable rule id, e.g. {@code time.band}
 * @param passed whether the rule let the episode through
 * @param detail what the rule saw, e.g. "physician/QHP 12 min (2 clinicians)"
 */
public record TraceStep(String rule, boolean passed, String detail) {
}
