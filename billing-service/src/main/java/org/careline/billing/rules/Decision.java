package org.careline.billing.rules;

import java.util.List;

/**
 * What the rules decided for an episode, with the trace that explains it.
 *
 * @param code    the CPT code when billable or held, else null
 * @param family  the code family whose time counted, null when no counted time
 * @param minutes the minutes counted for {@code family} (0 when none)
 * @param reason  why not billable or held; null when billable
 * @param clinicians the user ids whose time counted for {@code family}, sorted
 */
public record Decision(Outcome outcome, String code, CodeFamily family, int minutes, Reason reason,
                       List<TraceStep> trace, List<String> clinicians) {
}
