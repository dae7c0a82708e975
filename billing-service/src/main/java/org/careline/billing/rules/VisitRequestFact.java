package org.careline.billing.rules;

import java.time.Instant;

/** A visit requested from one of the patient's threads (messaging was not the right mode). */
public record VisitRequestFact(String id, Instant requestedAt) {
}
