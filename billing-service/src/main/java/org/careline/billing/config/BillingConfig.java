package org.careline.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "careline.billing")
public interface BillingConfig {

    /** How many episodes a page holds when the caller gives no {@code limit} (at most 200). */
    @WithDefault("50")
    int defaultPageSize();

    /** How often the scheduler closes windows that have ended and decides them. */
    @WithDefault("60s")
    Duration closeEvery();

    /** How long after start-up the scheduler first runs. */
    @WithDefault("5s")
    Duration closeDelay();

    /** At most this many due episodes are decided per scheduler run (the rest wait for the next). */
    @WithDefault("200")
    int closeBatchSize();

    /**
     * Care team -> billing group: the group whose physicians'/QHPs' time adds up. A team not listed is
     * its own group. E.g. {@code careline.billing.groups.cardiology=heart-center}.
     */
    Map<String, String> groups();

    /** The e-visit rules' policy choices (DOMAIN.md defaults). */
    RulesConfig rules();

    /** The group of {@code careTeam}. */
    default String groupOf(String careTeam) {
        return groups().getOrDefault(careTeam, careTeam);
    }
}
