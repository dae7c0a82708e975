package org.careline.messaging.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.careline.events.VisitCancelReason;
import org.careline.events.VisitRequestStatus;
import org.careline.messaging.config.VisitRequestConfig;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the patient is told in the thread when the EHR or the care team records a visit request's outcome: booked
 * (with the time in the practice's time zone) or cancelled. Completion and a cancellation as {@code DUPLICATE} say
 * nothing (the patient was seen, or another request speaks for it).
 */
@ApplicationScoped
public class VisitNotices {

    private static final Set<String> PLACEHOLDERS = Set.of("appointmentAt");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.US);

    private final VisitRequestConfig config;
    private final PracticeSchedule schedule;

    public VisitNotices(VisitRequestConfig config, PracticeSchedule schedule) {
        this.config = config;
        this.schedule = schedule;
    }

    /** The patient's message for this outcome; null when the patient is not told. */
    public String text(VisitRequestStatus status, Instant appointmentAt, VisitCancelReason reason) {
        return switch (status) {
            case SCHEDULED -> appointmentAt == null ? config.scheduledWithoutTimeText()
                    : Placeholders.fill(config.scheduledText(),
                    Map.of("appointmentAt", TIME.format(appointmentAt.atZone(schedule.zone()))));
            case CANCELLED -> reason == VisitCancelReason.DUPLICATE ? null : config.cancelledText();
            default -> null;
        };
    }

    /** A text with an unknown placeholder is a configuration error: refuse to start rather than fail later. */
    void checkTexts(@Observes StartupEvent startup) {
        boolean wrong = !Placeholders.unknown(config.scheduledText(), PLACEHOLDERS).isEmpty()
                || !Placeholders.unknown(config.scheduledWithoutTimeText(), Set.of()).isEmpty()
                || !Placeholders.unknown(config.cancelledText(), Set.of()).isEmpty();
        if (wrong) {
            throw new IllegalStateException("careline.messaging.visit-request: scheduled-text may only use the "
                    + "placeholder {{appointmentAt}}; scheduled-without-time-text and cancelled-text none");
        }
    }
}
