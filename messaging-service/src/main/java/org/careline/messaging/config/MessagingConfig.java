package org.careline.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "careline.messaging")
public interface MessagingConfig {

    /** The care team that receives a patient's thread when neither the request nor the token names one. */
    @WithDefault("family-medicine")
    String defaultCareTeam();
}
