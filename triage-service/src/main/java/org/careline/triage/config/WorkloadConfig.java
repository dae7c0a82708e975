package org.careline.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Workload analytics (GET /api/v1/analytics/workload). */
@ConfigMapping(prefix = "careline.workload")
public interface WorkloadConfig {

    /** The author id messaging-service gives its automatic replies ({@code careline.messaging.auto-reply.system-author}). */
    @WithDefault("careline-auto-reply")
    String autoReplyAuthor();

    /** The longest period one request may cover. */
    @WithDefault("P366D")
    Duration maxPeriod();

    /** The period when the request names none: the last this-long up to now. */
    @WithDefault("P30D")
    Duration defaultPeriod();
}
