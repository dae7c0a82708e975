package org.careline.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careline.events.Urgency;
import org.careline.triage.config.TriageConfig;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * The practice's business-hours calendar and the due time of work by urgency: EMERGENT after a few
 * minutes of wall-clock time; URGENT by the close of the business day it arrives on; ROUTINE by the close
 * of the second business day after. A message that arrives after closing, on a weekend or a holiday
 * counts from the next business day.
 */
@ApplicationScoped
public class BusinessCalendar {

    private final ZoneId zone;
    private final LocalTime closes;
    private final Set<DayOfWeek> days;
    private final Set<LocalDate> holidays;
    private final Duration emergent;
    private final int urgentDays;
    private final int routineDays;

    @Inject
    public BusinessCalendar(TriageConfig config) {
        this(config.calendar().zone(), config.calendar().closes(), config.calendar().days(),
                Set.copyOf(config.calendar().holidays().orElse(List.of())), config.turnaround().emergent(),
                config.turnaround().urgentBusinessDays(), config.turnaround().routineBusinessDays());
    }

    BusinessCalendar(ZoneId zone, LocalTime closes, Set<DayOfWeek> days, Set<LocalDate> holidays, Duration emergent,
                     int urgentDays, int routineDays) {
        if (days.isEmpty()) {
            throw new IllegalStateException("careline.triage.calendar.days needs at least one business day");
        }
        this.zone = zone;
        this.closes = closes;
        this.days = Set.copyOf(days);
        this.holidays = Set.copyOf(holidays);
        this.emergent = emergent;
        this.urgentDays = urgentDays;
        this.routineDays = routineDays;
    }

    /** When work of this urgency, written at {@code writtenAt}, is due. */
    public Instant dueAt(Urgency urgency, Instant writtenAt) {
        return switch (urgency) {
            case EMERGENT -> writtenAt.plus(emergent);
            case URGENT -> closeOfBusinessDay(writtenAt, urgentDays);
            case ROUTINE -> closeOfBusinessDay(writtenAt, routineDays);
        };
    }

    public boolean isBusinessDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The close of the n-th business day after the one the instant falls in (or the next one, after hours). */
    Instant closeOfBusinessDay(Instant at, int n) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!isBusinessDay(day) || !local.toLocalTime().isBefore(closes)) {
            day = nextBusinessDay(day);
        }
        for (int i = 0; i < n; i++) {
            day = nextBusinessDay(day);
        }
        return day.atTime(closes).atZone(zone).toInstant();
    }

    private LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int guard = 0; !isBusinessDay(next); guard++) {
            if (guard > 366) {
                throw new IllegalStateException("no business day within a year: check the triage calendar");
            }
            next = next.plusDays(1);
        }
        return next;
    }
}
