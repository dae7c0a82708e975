package org.careline.messaging.service;

import org.careline.events.VisitRequestStatus;
import org.careline.platform.problem.ProblemException;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a visit request and the moves between them: OPEN to SCHEDULED, COMPLETED or CANCELLED;
 * SCHEDULED to SCHEDULED (rebooked), COMPLETED or CANCELLED; COMPLETED and CANCELLED are final. A change that
 * breaks these rules is a 409 problem; a change that is malformed in itself a 400.
 */
public final class VisitRequestLifecycle {

    private static final Map<VisitRequestStatus, Set<VisitRequestStatus>> MOVES = Map.of(
            VisitRequestStatus.OPEN, EnumSet.of(VisitRequestStatus.SCHEDULED, VisitRequestStatus.COMPLETED,
                    VisitRequestStatus.CANCELLED),
            VisitRequestStatus.SCHEDULED, EnumSet.of(VisitRequestStatus.SCHEDULED, VisitRequestStatus.COMPLETED,
                    VisitRequestStatus.CANCELLED),
            VisitRequestStatus.COMPLETED, EnumSet.noneOf(VisitRequestStatus.class),
            VisitRequestStatus.CANCELLED, EnumSet.noneOf(VisitRequestStatus.class));

    private VisitRequestLifecycle() {
    }

    /** 400 unless the change is complete and consistent: a target status, a cancel reason only (and always) to cancel. */
    public static void checkShape(VisitRequestChange change) {
        if (change.status() == null || change.status() == VisitRequestStatus.OPEN) {
            throw ProblemException.badRequest("status must be SCHEDULED, COMPLETED or CANCELLED.");
        }
        if (change.status() == VisitRequestStatus.CANCELLED && change.cancelReason() == null) {
            throw ProblemException.badRequest("cancelReason is required to cancel a visit request.");
        }
        if (change.status() != VisitRequestStatus.CANCELLED && change.cancelReason() != null) {
            throw ProblemException.badRequest("cancelReason is only for status CANCELLED.");
        }
        if (change.status() != VisitRequestStatus.SCHEDULED && change.appointmentAt() != null) {
            throw ProblemException.badRequest("appointmentAt is only for status SCHEDULED.");
        }
    }

    /** 409 when the request cannot move from {@code from} to {@code to}. */
    public static void checkMove(VisitRequestStatus from, VisitRequestStatus to) {
        if (!MOVES.get(from).contains(to)) {
            throw new ProblemException(409, "visit-request-transition", "Conflict",
                    "A visit request that is " + from + " cannot become " + to + ".");
        }
    }

    public static boolean isFinal(VisitRequestStatus status) {
        return MOVES.get(status).isEmpty();
    }
}
