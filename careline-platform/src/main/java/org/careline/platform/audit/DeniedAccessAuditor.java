package org.careline.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditOutcome;
import org.careline.platform.security.Caller;

/**
 * Writes the DENIED record of a refused request through the outbox, in a transaction of its own: the
 * request itself has no transaction (it was refused before its method ran), and the record must commit
 * although the request fails.
 */
@ApplicationScoped
public class DeniedAccessAuditor {

    private final AuditTrail trail;
    private final Vertx vertx;

    public DeniedAccessAuditor(AuditTrail trail, Vertx vertx) {
        this.trail = trail;
        this.vertx = vertx;
    }

    /** Records {@code access} as DENIED to {@code caller}; completes once the record is committed. */
    public Uni<Void> denied(Caller caller, DeniedAccess access) {
        // A fresh duplicated context: its own Hibernate Reactive session and transaction, whatever the request's
        // context holds, and an event-loop thread even when the refused endpoint is a blocking one.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored ->
                Panache.withTransaction(() -> trail.record(caller, access.action(), access.resourceType(),
                                access.resourceId(), access.patientId(), AuditOutcome.DENIED))
                        .subscribe().with(emitter::complete, emitter::fail)));
    }
}
