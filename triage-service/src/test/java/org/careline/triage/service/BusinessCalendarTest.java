package org.careline.triage.service;

import org.careline.events.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Due times on a fixed calendar (New York, Mon-Fri 8-17, Thanksgiving 2026-11-26 closed); plain JUnit. */
class BusinessCalendarTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
    private final BusinessCalendar calendar = new BusinessCalendar(NY, LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.parse("2026-11-26")),
            Duration.ofMinutes(15), 0, 2);

    private static Instant ny(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(NY).toInstant();
    }

    @ParameterizedTest(name = "{0} written {1} is due {2}")
    @CsvSource({
            // Monday 23 Nov 2026
            "EMERGENT, 2026-11-23T10:00, 2026-11-23T10:15",
            "EMERGENT, 2026-11-28T03:00, 2026-11-28T03:15",   // emergencies ignore the calendar
            "URGENT,   2026-11-23T10:00, 2026-11-23T17:00",   // same business day
            "URGENT,   2026-11-23T17:00, 2026-11-24T17:00",   // at closing: next business day
            "URGENT,   2026-11-25T19:30, 2026-11-27T17:00",   // Wednesday evening, Thursday is a holiday
            "URGENT,   2026-11-28T09:00, 2026-11-30T17:00",   // Saturday: Monday
            "ROUTINE,  2026-11-23T10:00, 2026-11-25T17:00",   // two business days
            "ROUTINE,  2026-11-24T10:00, 2026-11-27T17:00",   // Tuesday: Wednesday, (Thursday closed), Friday
            "ROUTINE,  2026-11-27T16:00, 2026-12-01T17:00"})
    void dueTimes(Urgency urgency, String written, String due) {
        assertEquals(ny(due), calendar.dueAt(urgency, ny(written)));
    }

    @Test
    void holidaysAndWeekendsAreNotBusinessDays() {
        assertFalse(calendar.isBusinessDay(LocalDate.parse("2026-11-26")));
        assertFalse(calendar.isBusinessDay(LocalDate.parse("2026-11-29")));
    }

    @Test
    void aCalendarWithoutBusinessDaysIsRejected() {
        assertThrows(IllegalStateException.class, () -> new BusinessCalendar(NY, LocalTime.NOON,
                Set.of(), Set.of(), Duration.ofMinutes(15), 0, 2));
    }
}
