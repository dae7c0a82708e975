package org.careline.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "careline.billing")
public interface BillingConfig {

    /** How many episodes a page holds when the caller gives no {@code limit} (at most 200). */
    @WithDefault("50")
    int defaultPageSize();
}
