package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.config.MessagingConfig;
import org.careline.messaging.repository.MessageRepository;
import org.careline.platform.security.Caller;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A patient's threads and messages for the FHIR {@code Communication} search, under the same rules as
 * the thread list (the most recently active threads first, up to {@code careline.messaging.fhir-max-threads}),
 * audited as a query per patient.
 */
@ApplicationScoped
public class FhirCommunicationService {

    static final String RESOURCE = "Communication";

    private final ThreadListService lists;
    private final MessageRepository messages;
    private final ThreadAccessPolicy policy;
    private final CallerScopes scopes;
    private final AuditedTransactions transactions;
    private final MessagingConfig config;

    public FhirCommunicationService(ThreadListService lists, MessageRepository messages, ThreadAccessPolicy policy,
                                    CallerScopes scopes, AuditedTransactions transactions, MessagingConfig config) {
        this.lists = lists;
        this.messages = messages;
        this.policy = policy;
        this.scopes = scopes;
        this.transactions = transactions;
        this.config = config;
    }

    /** The patient's visible threads with their messages (by thread id, in posting order). */
    public Uni<Conversations> search(Caller caller, String patientId) {
        ThreadQuery query = new ThreadQuery(null, null, patientId, null, null, config.fhirMaxThreads());
        return transactions.run(caller, () -> {
            policy.requireThreadRole(caller, AuditAction.QUERY, null, patientId);
            return scopes.of(caller).chain(scope -> lists.page(scope, query, null, config.fhirMaxThreads())
                    .chain(page -> messages.listByThreads(page.threads().stream().map(t -> t.id).toList())
                            .map(list -> new Conversations(page.threads(), list.stream()
                                    .collect(Collectors.groupingBy(m -> m.threadId)))))
                    .call(found -> lists.auditQuery(scope, patientId, found.threads(), RESOURCE)));
        });
    }

    /** Threads and their messages. */
    public record Conversations(List<MessageThread> threads, Map<UUID, List<Message>> messages) {
    }
}
