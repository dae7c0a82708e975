package org.careline.triage.service;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After hours by the practice calendar, on fixed instants (New York: UTC-5 in winter, UTC-4 in summer). */
class PracticeHoursTest {

    private final PracticeHours hours = new PracticeHours(ZoneId.of("America/New_York"), LocalTime.of(8, 0),
            LocalTime.of(17, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.of(2026, 12, 25)));

    @Test
    void openFromOpeningUntilClosingOnBusinessDays() {
        assertTrue(hours.isOpen(Instant.parse("2026-03-02T13:00:00Z")), "Monday 08:00 EST opens");
        assertTrue(hours.isOpen(Instant.parse("2026-03-02T21:59:59Z")), "Monday 16:59:59 EST");
        assertTrue(hours.isAfterHours(Instant.parse("2026-03-02T22:00:00Z")), "Monday 17:00 EST is closed");
        assertTrue(hours.isAfterHours(Instant.parse("2026-03-02T12:59:59Z")), "before opening");
    }

    @Test
    void weekendsHolidaysAndDaylightSavingTime() {
        assertTrue(hours.isAfterHours(Instant.parse("2026-03-07T15:00:00Z")), "Saturday");
        assertTrue(hours.isAfterHours(Instant.parse("2026-12-25T15:00:00Z")), "a holiday on a Friday");
        // summer time: 08:00 EDT is 12:00 UTC
        assertTrue(hours.isOpen(Instant.parse("2026-07-06T12:00:00Z")));
        assertFalse(hours.isOpen(Instant.parse("2026-07-06T21:00:00Z")), "17:00 EDT");
    }

    @Test
    void theClockOfTheMomentDecides() {
        Clock fridayEvening = Clock.fixed(Instant.parse("2026-11-27T23:30:00Z"), ZoneOffset.UTC);
        assertTrue(hours.isAfterHours(fridayEvening.instant()));
    }

    @Test
    void openingMustComeBeforeClosing() {
        assertThrows(IllegalStateException.class, () -> new PracticeHours(ZoneId.of("UTC"), LocalTime.of(17, 0),
                LocalTime.of(8, 0), EnumSet.of(DayOfWeek.MONDAY), Set.of()));
    }
}
