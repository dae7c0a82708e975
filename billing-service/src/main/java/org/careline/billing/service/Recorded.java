package org.careline.billing.service;

/**
 * Something recorded, with how many decided episodes it changed on re-evaluation.
 *
 * @param reevaluated decided, unsubmitted episodes whose decision changed
 */
public record Recorded<T>(T value, int reevaluated) {
}
