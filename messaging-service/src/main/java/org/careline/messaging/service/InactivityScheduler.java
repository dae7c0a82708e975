package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Checks for inactive threads on a schedule ({@code careline.messaging.close-check-every}, default 1h). */
@ApplicationScoped
public class InactivityScheduler {

    private final InactivityService service;
    private final SafeContext context;
    private final Clock clock;

    public InactivityScheduler(InactivityService service, SafeContext context, Clock clock) {
        this.service = service;
        this.context = context;
        this.clock = clock;
    }

    @Scheduled(identity = "close-inactive-threads", every = "${careline.messaging.close-check-every:1h}",
            delayed = "${careline.messaging.close-check-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeInactiveThreads() {
        context.run(() -> service.closeInactive(clock.instant()))
                .subscribe().with(closed -> { }, failure -> Log.warnf("closing inactive threads failed (%s)",
                        failure.getClass().getName()));
    }
}
