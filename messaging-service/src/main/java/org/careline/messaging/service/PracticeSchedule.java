package org.careline.messaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careline.messaging.config.PracticeScheduleConfig;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Whether the practice is open at an instant, in the practice's own time zone (so daylight-saving
 * changes move the hours with the wall clock), and when it opens next.
 */
@ApplicationScoped
public class PracticeSchedule {

    /** How the practice stands at an instant. */
    public enum Status { OPEN, AFTER_HOURS, HOLIDAY }

    private static final int MAX_DAYS_AHEAD = 400;

    private final ZoneId zone;
    private final Set<DayOfWeek> businessDays;
    private final LocalTime opensAt;
    private final LocalTime closesAt;
    private final Set<LocalDate> holidays;

    @Inject
    public PracticeSchedule(PracticeScheduleConfig config) {
        this(config.timeZone(), config.businessDays(), config.opensAt(), config.closesAt(),
                config.holidays().orElse(Set.of()));
    }

    public PracticeSchedule(ZoneId zone, Set<DayOfWeek> businessDays, LocalTime opensAt, LocalTime closesAt,
                            Set<LocalDate> holidays) {
        if (!opensAt.isBefore(closesAt)) {
            throw new IllegalArgumentException("the practice must open before it closes");
        }
        this.zone = zone;
        this.businessDays = Set.copyOf(businessDays);
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public Status status(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return Status.HOLIDAY;
        }
        LocalTime time = local.toLocalTime();
        boolean open = businessDays.contains(local.getDayOfWeek()) && !time.isBefore(opensAt) && time.isBefore(closesAt);
        return open ? Status.OPEN : Status.AFTER_HOURS;
    }

    /** The first business day after the local date of {@code instant}. */
    public LocalDate nextBusinessDay(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate().plusDays(1);
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
            if (businessDays.contains(day.getDayOfWeek()) && !holidays.contains(day)) {
                return day;
            }
        }
        throw new IllegalStateException("the practice schedule has no business day in the next " + MAX_DAYS_AHEAD + " days");
    }

    /** The next opening at or after {@code instant}, in the practice's zone; {@code instant} itself when open. */
    public ZonedDateTime nextOpening(Instant instant) {
        if (status(instant) == Status.OPEN) {
            return instant.atZone(zone);
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
            if (!businessDays.contains(day.getDayOfWeek()) || holidays.contains(day)) {
                continue;
            }
            ZonedDateTime opening = day.atTime(opensAt).atZone(zone);
            if (!opening.toInstant().isBefore(instant)) {
                return opening;
            }
        }
        throw new IllegalStateException("the practice schedule has no business day in the next " + MAX_DAYS_AHEAD + " days");
    }
}
