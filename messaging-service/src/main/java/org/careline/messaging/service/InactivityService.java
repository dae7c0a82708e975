package org.careline.messaging.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ThreadStatus;
import org.careline.messaging.config.MessagingConfig;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Closes threads without a new message for the configured inactivity period (default 30 days), in
 * bounded batches, each thread with its {@code thread-closed} event and an audit record by the service.
 */
@ApplicationScoped
public class InactivityService {

    /** The service itself, as audit records show automatic changes. */
    static final Caller SYSTEM = new Caller("messaging-service", "messaging-service", Set.of(), null, null, null,
            Set.of(), "messaging-service", null, null);

    private final ThreadRepository threads;
    private final ThreadEvents events;
    private final AuditTrail audit;
    private final MessagingConfig config;

    public InactivityService(ThreadRepository threads, ThreadEvents events, AuditTrail audit, MessagingConfig config) {
        this.threads = threads;
        this.events = events;
        this.audit = audit;
        this.config = config;
    }

    /** Whether a thread last active at {@code lastActivity} is due to close at {@code now}: the rule of the query. */
    public static boolean isInactive(Instant lastActivity, Instant now, Duration period) {
        return lastActivity.isBefore(now.minus(period));
    }

    /** Closes every thread inactive at {@code now}; returns how many closed. */
    public Uni<Integer> closeInactive(Instant now) {
        return closeBatch(now).chain(closed -> closed < config.closeBatchSize()
                ? Uni.createFrom().item(closed)
                : closeInactive(now).map(more -> closed + more));
    }

    private Uni<Integer> closeBatch(Instant now) {
        Instant cutoff = now.minus(config.inactivityPeriod());
        return Panache.withTransaction(() -> threads.lockInactive(cutoff, config.closeBatchSize())
                .chain(batch -> close(batch, now.truncatedTo(ChronoUnit.MICROS)).replaceWith(batch.size())))
                .invoke(closed -> {
                    if (closed > 0) {
                        Log.infof("closed %d inactive threads", closed);
                    }
                });
    }

    private Uni<Void> close(List<MessageThread> batch, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MessageThread thread : batch) {
            chain = chain.chain(() -> {
                Instant lastActivity = thread.updatedAt;
                thread.status = ThreadStatus.CLOSED;
                thread.closedAt = now;
                thread.updatedAt = now;
                return events.closed(thread, lastActivity)
                        .chain(() -> audit.record(SYSTEM, AuditAction.UPDATE, ThreadAccessPolicy.THREAD,
                                thread.id.toString(), thread.patientId, AuditOutcome.SUCCESS));
            });
        }
        return chain;
    }
}
