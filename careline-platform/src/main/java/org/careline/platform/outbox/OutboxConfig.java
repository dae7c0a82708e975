package org.careline.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "careline.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /careline/messaging-service}. */
    String source();

    /** How many events one relay run publishes at most (bounded batches). */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for unpublished events. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Whether this instance relays; turn off to test that a crash before publishing loses nothing. */
    @WithDefault("true")
    boolean relayEnabled();
}
