package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/** The practice's opening hours, which drive the after-hours and holiday automatic replies. */
@ConfigMapping(prefix = "careline.messaging.practice")
public interface PracticeScheduleConfig {

    /** The practice's time zone (IANA id); business hours and holidays are local to it. */
    @WithDefault("America/New_York")
    ZoneId timeZone();

    /** The days the practice is open, e.g. {@code MONDAY,TUESDAY}. */
    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    Set<DayOfWeek> businessDays();

    /** Local opening time on business days. */
    @WithDefault("08:00")
    LocalTime opensAt();

    /** Local closing time on business days (exclusive). */
    @WithDefault("17:00")
    LocalTime closesAt();

    /** Local dates the practice is closed all day, e.g. {@code 2026-12-25,2027-01-01}. */
    Optional<Set<LocalDate>> holidays();
}
