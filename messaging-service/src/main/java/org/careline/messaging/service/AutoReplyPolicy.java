package org.careline.messaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.AutoReplyKind;
import org.careline.messaging.config.AutoReplyConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which automatic reply a patient message earns, if any: the after-hours or holiday reply when the
 * practice is closed, else the expectations reply on a new thread; at most one such reply per thread
 * per {@code min-interval}. The emergency reply has its own limit so a routine reply never delays it.
 */
@ApplicationScoped
public class AutoReplyPolicy {

    /** The kinds that share the routine rate limit. */
    public static final Set<AutoReplyKind> ROUTINE = EnumSet.of(AutoReplyKind.EXPECTATIONS,
            AutoReplyKind.AFTER_HOURS, AutoReplyKind.HOLIDAY);

    private final PracticeSchedule schedule;
    private final boolean enabled;
    private final Duration minInterval;
    private final Duration emergencyMinInterval;

    @jakarta.inject.Inject
    public AutoReplyPolicy(PracticeSchedule schedule, AutoReplyConfig config) {
        this(schedule, config.enabled(), config.minInterval(), config.emergencyMinInterval());
    }

    AutoReplyPolicy(PracticeSchedule schedule, boolean enabled, Duration minInterval, Duration emergencyMinInterval) {
        this.schedule = schedule;
        this.enabled = enabled;
        this.minInterval = minInterval;
        this.emergencyMinInterval = emergencyMinInterval;
    }

    /**
     * @param newThread       whether the message opened a patient-initiated thread
     * @param lastRoutineReply when the thread last got a routine automatic reply; null if never
     */
    public Optional<AutoReplyKind> forPatientMessage(boolean newThread, Instant now, Instant lastRoutineReply) {
        if (!enabled || within(lastRoutineReply, minInterval, now)) {
            return Optional.empty();
        }
        return switch (schedule.status(now)) {
            case HOLIDAY -> Optional.of(AutoReplyKind.HOLIDAY);
            case AFTER_HOURS -> Optional.of(AutoReplyKind.AFTER_HOURS);
            case OPEN -> newThread ? Optional.of(AutoReplyKind.EXPECTATIONS) : Optional.empty();
        };
    }

    /** Whether an emergency reply may go out now, given the thread's last one (null if never). */
    public boolean emergencyAllowed(Instant now, Instant lastEmergencyReply) {
        return enabled && !within(lastEmergencyReply, emergencyMinInterval, now);
    }

    private static boolean within(Instant last, Duration interval, Instant now) {
        return last != null && now.isBefore(last.plus(interval));
    }
}
