package org.careline.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "careline.audit")
public interface AuditConfig {

    /** Records per page of {@code GET /api/v1/audit/events} when the caller gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest {@code limit} a caller may ask for; larger ones are refused with 400. */
    @WithDefault("200")
    int maxPageSize();

    /**
     * How many times storing a well-formed record is retried after a database failure before the
     * record goes to the dead-letter topic (where it is kept for replay).
     */
    @WithDefault("5")
    int storeRetries();

    /** The first pause between those retries; it doubles up to ten times this. */
    @WithDefault("200ms")
    Duration storeRetryBackoff();
}
