package org.careline.messaging.service;

import org.careline.events.VisitCancelReason;
import org.careline.events.VisitRequestStatus;

import java.time.Instant;

/** A visit request's outcome as the EHR or the care team records it. */
public record VisitRequestChange(VisitRequestStatus status, Instant appointmentAt, VisitCancelReason cancelReason) {
}
