package org.careline.messaging.rest;

import java.util.List;

/** A clinician's current and upcoming away periods, soonest first (at most 100). */
public record OutOfOfficeListResponse(List<OutOfOfficeResponse> items) {
}
