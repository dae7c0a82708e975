package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.MessageThread;
import org.careline.messaging.config.MessagingConfig;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the threads a caller may see. Each page is audited as a query per patient it shows (one record
 * without a patient when it shows none); a filter on a patient the caller may not see is refused.
 */
@ApplicationScoped
public class ThreadListService {

    private final ThreadRepository threads;
    private final ThreadAccessPolicy policy;
    private final CallerScopes scopes;
    private final AuditTrail audit;
    private final AuditedTransactions transactions;
    private final MessagingConfig config;

    public ThreadListService(ThreadRepository threads, ThreadAccessPolicy policy, CallerScopes scopes,
                             AuditTrail audit, AuditedTransactions transactions, MessagingConfig config) {
        this.threads = threads;
        this.policy = policy;
        this.scopes = scopes;
        this.audit = audit;
        this.transactions = transactions;
        this.config = config;
    }

    public Uni<ThreadPage> list(Caller caller, ThreadQuery query) {
        PageCursor after = query.cursor() == null ? null : PageCursor.decode(query.cursor());
        int size = query.limit() != null ? query.limit() : config.defaultPageSize();
        return transactions.run(caller, () -> {
            policy.requireThreadRole(caller, AuditAction.QUERY, null, query.patientId());
            return scopes.of(caller).chain(scope -> page(scope, query, after, size)
                    .call(page -> auditQuery(scope, query.patientId(), page.threads(), ThreadAccessPolicy.THREAD)));
        });
    }

    /**
     * A page of the threads the caller may see that match the query, not audited (the caller audits what
     * it shows). Call inside a transaction.
     */
    public Uni<ThreadPage> page(CallerScope scope, ThreadQuery query, PageCursor after, int size) {
        ThreadFilter filter = filterFor(scope, query.patientId());
        Uni<List<MessageThread>> found = filter.seesNothing()
                ? Uni.createFrom().item(List.of())
                : threads.page(filter, query, after, size + 1);
        return found.map(list -> {
            List<MessageThread> page = list.size() > size ? list.subList(0, size) : list;
            String next = list.size() > size ? cursorAfter(page.get(page.size() - 1)) : null;
            return new ThreadPage(page, next);
        });
    }

    /** What the caller may list; a patient filter outside it is refused (audited). */
    private ThreadFilter filterFor(CallerScope scope, String patientFilter) {
        Caller caller = scope.caller();
        if (caller.isPatient()) {
            requireVisible(patientFilter == null || patientFilter.equals(caller.patientId()), patientFilter);
            return new ThreadFilter(Set.of(caller.patientId()), Set.of(), null);
        }
        Set<String> patients = new HashSet<>();
        Set<String> teams = Set.of();
        String addressee = null;
        if (caller.hasRole(Roles.CAREGIVER)) {
            patients.addAll(scope.proxyPatients().keySet());
        }
        if (caller.isCareTeamMember()) {
            patients.addAll(scope.breakGlassPatients());
            teams = caller.careTeams();
            addressee = caller.username();
        } else {
            requireVisible(patientFilter == null || patients.contains(patientFilter), patientFilter);
        }
        return new ThreadFilter(Set.copyOf(patients), teams, addressee);
    }

    private static void requireVisible(boolean visible, String patientId) {
        if (!visible) {
            throw new Denied(ThreadAccessPolicy.forbidden("You may not list this patient's threads."),
                    AuditAction.QUERY, ThreadAccessPolicy.THREAD, null, patientId, AuditOutcome.DENIED);
        }
    }

    /** Audits a query as one record per patient shown (one without a patient when none is shown). */
    public Uni<Void> auditQuery(CallerScope scope, String patientFilter, List<MessageThread> page, String resourceType) {
        Caller caller = scope.caller();
        if (page.isEmpty()) {
            return audit.record(caller, AuditAction.QUERY, resourceType, null, patientFilter, AuditOutcome.SUCCESS);
        }
        // one record per patient shown; emergency purpose when any of their threads is seen only by break-the-glass
        Map<String, Reach> byPatient = new LinkedHashMap<>();
        for (MessageThread thread : page) {
            Reach reach = policy.reach(scope, thread).orElse(Reach.CARE_TEAM);
            byPatient.merge(thread.patientId, reach, (a, b) -> a == Reach.BREAK_GLASS ? a : b);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Reach> entry : byPatient.entrySet()) {
            chain = chain.chain(() -> audit.record(policy.auditedAs(caller, entry.getValue()), AuditAction.QUERY,
                    resourceType, null, entry.getKey(), AuditOutcome.SUCCESS));
        }
        return chain;
    }

    private static String cursorAfter(MessageThread last) {
        return new PageCursor(last.updatedAt, last.id).encode();
    }
}
