package org.careline.platform;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.careline.events.EventCodec;

import java.time.Clock;

/** Beans the platform needs; a service or a test may replace the clock with its own. */
public class PlatformProducers {

    @Produces
    @ApplicationScoped
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
