package org.careline.messaging.service;

import org.careline.events.VisitReason;
import org.careline.events.VisitType;

/** A request to turn a thread into a visit; the note (optional) stays in this service. */
public record NewVisitRequest(VisitType visitType, VisitReason reason, String note) {
}
