package org.careline.messaging;

import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The service with a clock the test moves, and a known practice schedule: New York, weekdays 08:00-17:00,
 * closed on 2026-12-25, automatic replies on.
 */
public class FixedClockProfile implements QuarkusTestProfile {

    /** Monday 2026-11-23 10:00 in New York. */
    public static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T15:00:00Z");
    public static final MutableClock CLOCK = new MutableClock(MONDAY_MORNING);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("careline.messaging.auto-reply.enabled", "true",
                "careline.messaging.practice.time-zone", "America/New_York",
                "careline.messaging.practice.holidays", "2026-12-25",
                "careline.messaging.auto-reply.min-interval", "60m");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(Producer.class);
    }

    @Alternative
    @Singleton
    public static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }
}
