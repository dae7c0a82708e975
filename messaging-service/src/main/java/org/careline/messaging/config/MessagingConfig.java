package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "careline.messaging")
public interface MessagingConfig {

    /** The care team that receives a patient's thread when neither the request nor the token names one. */
    @WithDefault("family-medicine")
    String defaultCareTeam();

    /** A thread with no new message for this long is closed. */
    @WithDefault("30d")
    Duration inactivityPeriod();

    /** How often the scheduler looks for inactive threads (read by {@code @Scheduled}). */
    @WithDefault("1h")
    String closeCheckEvery();

    /** How long after start the first look waits (read by {@code @Scheduled}). */
    @WithDefault("1m")
    String closeCheckDelay();

    /** How many inactive threads one closing transaction handles at most. */
    @WithDefault("100")
    int closeBatchSize();

    /** Page size of thread lists when the client names none. */
    @WithDefault("50")
    int defaultPageSize();

    /** At most this many threads (with their messages) go into one FHIR Communication bundle. */
    @WithDefault("100")
    int fhirMaxThreads();
}
