package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Deletes expired Idempotency-Keys on a schedule ({@code careline.messaging.idempotency.cleanup-every}, 1h). */
@ApplicationScoped
public class IdempotencyCleanup {

    private final IdempotentRequests requests;
    private final SafeContext context;

    public IdempotencyCleanup(IdempotentRequests requests, SafeContext context) {
        this.requests = requests;
        this.context = context;
    }

    @Scheduled(identity = "delete-expired-idempotency-keys", every = "${careline.messaging.idempotency.cleanup-every:1h}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        context.run(requests::deleteExpired)
                .subscribe().with(deleted -> {
                    if (deleted > 0) {
                        Log.infof("deleted %d expired idempotency keys", deleted);
                    }
                }, failure -> Log.warnf("deleting expired idempotency keys failed (%s)", failure.getClass().getName()));
    }
}
