package org.careline.messaging.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.security.Caller;

import java.util.function.Supplier;

/**
 * Runs a use case in one transaction (the change, its events and its audit record commit together).
 * When the use case is {@link Denied}, its writes roll back and the refusal is audited in a transaction
 * of its own, so that denied and failed attempts are never lost. The outbox events of the use case (its events
 * and audit records) are written with one insert when it completes ({@link Outbox#inOneInsert}).
 */
@ApplicationScoped
public class AuditedTransactions {

    private final AuditTrail audit;
    private final Outbox outbox;

    public AuditedTransactions(AuditTrail audit, Outbox outbox) {
        this.audit = audit;
        this.outbox = outbox;
    }

    public <T> Uni<T> run(Caller caller, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> outbox.inOneInsert(work))
                .onFailure(Denied.class).recoverWithUni(failure -> {
                    Denied denied = (Denied) failure;
                    Log.infof("%s of %s %s %s for %s", denied.action(), denied.resourceType(), denied.resourceId(),
                            denied.outcome(), caller.userId());
                    return Panache.withTransaction(() -> audit.record(caller, denied.action(), denied.resourceType(),
                                    denied.resourceId(), denied.patientId(), denied.outcome()))
                            .chain(() -> Uni.createFrom().failure(denied.problem()));
                });
    }
}
