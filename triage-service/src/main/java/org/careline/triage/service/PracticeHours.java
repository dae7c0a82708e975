package org.careline.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careline.triage.config.TriageConfig;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * Whether the practice is open at an instant, on the same calendar as due times ({@code careline.triage.calendar.*}):
 * a business day that is not a holiday, from opening (inclusive) to closing (exclusive), in the practice's zone.
 */
@ApplicationScoped
public class PracticeHours {

    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<DayOfWeek> days;
    private final Set<LocalDate> holidays;

    @Inject
    public PracticeHours(TriageConfig config) {
        this(config.calendar().zone(), config.calendar().opens(), config.calendar().closes(), config.calendar().days(),
                Set.copyOf(config.calendar().holidays().orElse(List.of())));
    }

    public PracticeHours(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> days, Set<LocalDate> holidays) {
        if (!opens.isBefore(closes)) {
            throw new IllegalStateException("careline.triage.calendar.opens must be before closes");
        }
        this.zone = zone;
        this.opens = opens;
        this.closes = closes;
        this.days = Set.copyOf(days);
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day) && !time.isBefore(opens)
                && time.isBefore(closes);
    }

    public boolean isAfterHours(Instant at) {
        return !isOpen(at);
    }
}
