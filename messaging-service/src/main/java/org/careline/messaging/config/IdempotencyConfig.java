package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Idempotency-Key on thread and message POSTs ({@code careline.messaging.idempotency.*}). */
@ConfigMapping(prefix = "careline.messaging.idempotency")
public interface IdempotencyConfig {

    /** How long a key and the answer stored under it are kept: a retry after this is a new request. */
    @WithDefault("24h")
    Duration retention();

    /**
     * How long a claimed key counts as in flight (a retry meanwhile is 409). A claim older than this belongs to a
     * request whose process died before it committed, and the next retry takes it over. Longer than the gateway's
     * upstream timeout.
     */
    @WithDefault("60s")
    Duration lease();

    /** How often expired keys are deleted (read by {@code @Scheduled}). */
    @WithDefault("1h")
    String cleanupEvery();
}
