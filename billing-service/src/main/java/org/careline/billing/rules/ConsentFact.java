package org.careline.billing.rules;

import java.time.Instant;

/** The patient's consent to possible charges for e-visits, as recorded. */
public record ConsentFact(Instant recordedAt, String textVersion) {
}
