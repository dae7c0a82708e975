package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.platform.security.Caller;

import java.util.UUID;

/**
 * Finds a thread for a caller. A missing thread and someone else's thread fail alike ({@link Denied} with
 * the same 404 problem), audited as FAILED and DENIED respectively. Call inside a transaction.
 */
@ApplicationScoped
public class VisibleThreads {

    private final ThreadRepository threads;
    private final ThreadAccessPolicy policy;
    private final CallerScopes scopes;

    public VisibleThreads(ThreadRepository threads, ThreadAccessPolicy policy, CallerScopes scopes) {
        this.threads = threads;
        this.policy = policy;
        this.scopes = scopes;
    }

    public Uni<Visible> find(Caller caller, UUID id, AuditAction action) {
        policy.requireThreadRole(caller, action, id.toString(), null);
        return scopes.of(caller).chain(scope -> threads.findById(id).map(thread -> {
            if (thread == null) {
                throw new Denied(ThreadAccessPolicy.notFound(), action, ThreadAccessPolicy.THREAD, id.toString(), null,
                        AuditOutcome.FAILED);
            }
            return policy.reach(scope, thread)
                    .map(reach -> new Visible(thread, scope, reach))
                    .orElseThrow(() -> new Denied(ThreadAccessPolicy.notFound(), action, ThreadAccessPolicy.THREAD,
                            id.toString(), thread.patientId, AuditOutcome.DENIED));
        }));
    }
}
