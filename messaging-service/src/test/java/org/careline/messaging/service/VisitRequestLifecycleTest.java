package org.careline.messaging.service;

import org.careline.events.VisitCancelReason;
import org.careline.events.VisitRequestStatus;
import org.careline.platform.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every move between visit-request states, and the shape of a change; plain JUnit. */
class VisitRequestLifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            OPEN,      SCHEDULED, true
            OPEN,      COMPLETED, true
            OPEN,      CANCELLED, true
            SCHEDULED, SCHEDULED, true
            SCHEDULED, COMPLETED, true
            SCHEDULED, CANCELLED, true
            COMPLETED, SCHEDULED, false
            COMPLETED, CANCELLED, false
            COMPLETED, COMPLETED, false
            CANCELLED, SCHEDULED, false
            CANCELLED, COMPLETED, false
            CANCELLED, CANCELLED, false
            """)
    void moves(VisitRequestStatus from, VisitRequestStatus to, boolean allowed) {
        if (allowed) {
            assertDoesNotThrow(() -> VisitRequestLifecycle.checkMove(from, to));
        } else {
            ProblemException e = assertThrows(ProblemException.class, () -> VisitRequestLifecycle.checkMove(from, to));
            assertEquals(409, e.status());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(textBlock = """
            SCHEDULED, 2026-11-25T14:30:00Z, ,                 200
            SCHEDULED, ,                     ,                 200
            COMPLETED, ,                     ,                 200
            CANCELLED, ,                     PATIENT_DECLINED, 200
            CANCELLED, ,                     ,                 400
            COMPLETED, ,                     PATIENT_DECLINED, 400
            COMPLETED, 2026-11-25T14:30:00Z, ,                 400
            OPEN,      ,                     ,                 400
            ,          ,                     ,                 400
            """)
    void shapes(VisitRequestStatus status, Instant at, VisitCancelReason reason, int expected) {
        VisitRequestChange change = new VisitRequestChange(status, at, reason);
        if (expected == 200) {
            assertDoesNotThrow(() -> VisitRequestLifecycle.checkShape(change));
        } else {
            assertEquals(expected, assertThrows(ProblemException.class,
                    () -> VisitRequestLifecycle.checkShape(change)).status());
        }
    }
}
