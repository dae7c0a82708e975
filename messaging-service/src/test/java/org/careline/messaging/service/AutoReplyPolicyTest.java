package org.careline.messaging.service;

import org.careline.messaging.AutoReplyKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoReplyPolicyTest {

    private static final PracticeSchedule SCHEDULE = new PracticeSchedule(ZoneId.of("America/Chicago"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0),
            Set.of(LocalDate.of(2026, 11, 26)));
    private final AutoReplyPolicy policy = new AutoReplyPolicy(SCHEDULE, true, Duration.ofMinutes(60),
            Duration.ofMinutes(5));

    /** Tuesday 2026-11-24 10:00 in Chicago (CST, UTC-6). */
    private final Clock businessHours = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);
    /** Tuesday 2026-11-24 20:00 in Chicago. */
    private final Clock evening = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    /** Thanksgiving 2026-11-26 11:00 in Chicago. */
    private final Clock thanksgiving = Clock.fixed(Instant.parse("2026-11-26T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void aNewThreadInBusinessHoursGetsTheExpectationsReply() {
        assertEquals(Optional.of(AutoReplyKind.EXPECTATIONS), policy.forPatientMessage(true, businessHours.instant(), null));
    }

    @Test
    void aFollowUpInBusinessHoursGetsNothing() {
        assertEquals(Optional.empty(), policy.forPatientMessage(false, businessHours.instant(), null));
    }

    @Test
    void afterHoursAndHolidaysTakeThePlaceOfTheExpectationsReply() {
        assertEquals(Optional.of(AutoReplyKind.AFTER_HOURS), policy.forPatientMessage(true, evening.instant(), null));
        assertEquals(Optional.of(AutoReplyKind.AFTER_HOURS), policy.forPatientMessage(false, evening.instant(), null));
        assertEquals(Optional.of(AutoReplyKind.HOLIDAY), policy.forPatientMessage(false, thanksgiving.instant(), null));
    }

    @Test
    void oneRoutineReplyPerThreadPerInterval() {
        Instant now = evening.instant();
        assertEquals(Optional.empty(), policy.forPatientMessage(false, now, now.minus(Duration.ofMinutes(59))));
        assertEquals(Optional.of(AutoReplyKind.AFTER_HOURS),
                policy.forPatientMessage(false, now, now.minus(Duration.ofMinutes(60))));
    }

    @Test
    void theEmergencyReplyHasItsOwnShorterLimit() {
        Instant now = businessHours.instant();
        assertTrue(policy.emergencyAllowed(now, null));
        assertFalse(policy.emergencyAllowed(now, now.minus(Duration.ofMinutes(4))));
        assertTrue(policy.emergencyAllowed(now, now.minus(Duration.ofMinutes(5))));
    }

    @Test
    void disabledMeansNeverAutomatic() {
        AutoReplyPolicy off = new AutoReplyPolicy(SCHEDULE, false, Duration.ofMinutes(60), Duration.ofMinutes(5));
        assertEquals(Optional.empty(), off.forPatientMessage(true, evening.instant(), null));
        assertFalse(off.emergencyAllowed(evening.instant(), null));
    }
}
