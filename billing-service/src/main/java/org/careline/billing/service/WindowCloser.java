package org.careline.billing.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Closes ended windows on a timer and decides them. Several replicas may run it: each episode is decided
 * in its own transaction and an optimistic version check lets only one decision win.
 */
@ApplicationScoped
public class WindowCloser {

    private final DecisionService decisions;

    public WindowCloser(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Scheduled(every = "${careline.billing.close-every:60s}", delayed = "${careline.billing.close-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeEndedWindows() {
        return decisions.closeDue()
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("decided %d e-visit episodes whose window ended", n);
                    }
                })
                .onFailure().invoke(f -> Log.warnf("closing ended windows failed (%s); next run retries",
                        f.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
