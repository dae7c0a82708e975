package org.careline.messaging.service;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.careline.messaging.service.PracticeSchedule.Status.AFTER_HOURS;
import static org.careline.messaging.service.PracticeSchedule.Status.HOLIDAY;
import static org.careline.messaging.service.PracticeSchedule.Status.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PracticeScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private final PracticeSchedule schedule = new PracticeSchedule(NEW_YORK, WEEKDAYS, LocalTime.of(8, 0),
            LocalTime.of(17, 0), Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)));

    @Test
    void openDuringLocalBusinessHoursOnly() {
        // Monday 2026-11-23, New York is on EST (UTC-5)
        assertEquals(AFTER_HOURS, schedule.status(Instant.parse("2026-11-23T12:59:59Z"))); // 07:59:59
        assertEquals(OPEN, schedule.status(Instant.parse("2026-11-23T13:00:00Z")));        // 08:00
        assertEquals(OPEN, schedule.status(Instant.parse("2026-11-23T21:59:59Z")));        // 16:59:59
        assertEquals(AFTER_HOURS, schedule.status(Instant.parse("2026-11-23T22:00:00Z"))); // 17:00, closed
        // Saturday noon
        assertEquals(AFTER_HOURS, schedule.status(Instant.parse("2026-11-28T17:00:00Z")));
    }

    @Test
    void theHoursFollowTheWallClockAcrossTheDaylightSavingChange() {
        // Friday 2026-03-06 is EST (UTC-5): 12:30Z is 07:30, closed
        assertEquals(AFTER_HOURS, schedule.status(Instant.parse("2026-03-06T12:30:00Z")));
        // clocks spring forward on Sunday 2026-03-08; Monday is EDT (UTC-4): 12:30Z is 08:30, open
        assertEquals(OPEN, schedule.status(Instant.parse("2026-03-09T12:30:00Z")));
        // and 21:30Z is 17:30 EDT, closed, although it would be 16:30 in EST
        assertEquals(AFTER_HOURS, schedule.status(Instant.parse("2026-03-09T21:30:00Z")));
        // closed over the weekend: the next opening is Monday 08:00 EDT = 12:00Z, not 13:00Z
        assertEquals(Instant.parse("2026-03-09T12:00:00Z"),
                schedule.nextOpening(Instant.parse("2026-03-06T23:00:00Z")).toInstant());
        // the autumn change: Monday 2026-11-02 is EST again, opening at 13:00Z
        assertEquals(Instant.parse("2026-11-02T13:00:00Z"),
                schedule.nextOpening(Instant.parse("2026-10-30T22:00:00Z")).toInstant());
    }

    @Test
    void aHolidayIsClosedAllDayInTheLocalCalendar() {
        // 2026-12-25 10:00 EST
        assertEquals(HOLIDAY, schedule.status(Instant.parse("2026-12-25T15:00:00Z")));
        // 2026-12-26T03:00Z is still the 25th (22:00) in New York
        assertEquals(HOLIDAY, schedule.status(Instant.parse("2026-12-26T03:00:00Z")));
        // Thursday 24th 19:00 EST: after hours; next opening skips the holiday to Monday 28th
        assertEquals(Instant.parse("2026-12-28T13:00:00Z"),
                schedule.nextOpening(Instant.parse("2026-12-25T00:00:00Z")).toInstant());
    }

    @Test
    void nextOpeningIsLaterTheSameDayBeforeOpening() {
        assertEquals(Instant.parse("2026-11-23T13:00:00Z"),
                schedule.nextOpening(Instant.parse("2026-11-23T11:00:00Z")).toInstant());
        Instant open = Instant.parse("2026-11-23T15:00:00Z");
        assertEquals(open, schedule.nextOpening(open).toInstant());
    }

    @Test
    void anotherTimeZoneShiftsTheHours() {
        PracticeSchedule honolulu = new PracticeSchedule(ZoneId.of("Pacific/Honolulu"), WEEKDAYS,
                LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of());
        // 15:00Z is 10:00 in New York but 05:00 in Honolulu
        assertEquals(OPEN, schedule.status(Instant.parse("2026-11-23T15:00:00Z")));
        assertEquals(AFTER_HOURS, honolulu.status(Instant.parse("2026-11-23T15:00:00Z")));
    }

    @Test
    void aScheduleThatClosesBeforeItOpensIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PracticeSchedule(NEW_YORK, WEEKDAYS,
                LocalTime.of(17, 0), LocalTime.of(8, 0), Set.of()));
    }
}
