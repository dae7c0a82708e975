package org.careline.messaging.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.Attachment;
import org.careline.messaging.MessageThread;
import org.careline.messaging.config.AttachmentConfig;
import org.careline.messaging.repository.AttachmentRepository;
import org.careline.messaging.repository.ThreadRepository;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Caller;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Uploads and downloads of thread attachments, with the thread's access rules. Every attempt is
 * audited in its transaction: success, denied (someone else's thread) or failed (missing, empty, too
 * large, a type we do not accept).
 */
@ApplicationScoped
public class AttachmentService {

    static final String RESOURCE = "Attachment";

    private final ThreadRepository threads;
    private final AttachmentRepository attachments;
    private final AttachmentStore store;
    private final ThreadAccessPolicy policy;
    private final CallerScopes scopes;
    private final AuditTrail audit;
    private final AttachmentConfig config;
    private final Clock clock;

    public AttachmentService(ThreadRepository threads, AttachmentRepository attachments, AttachmentStore store,
                             ThreadAccessPolicy policy, CallerScopes scopes, AuditTrail audit, AttachmentConfig config,
                             Clock clock) {
        this.scopes = scopes;
        this.threads = threads;
        this.attachments = attachments;
        this.store = store;
        this.policy = policy;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public long maxBytes() {
        return config.maxSize().asLongValue();
    }

    @WithTransaction
    public Uni<AttachmentOutcome> upload(Caller caller, UUID threadId, byte[] content) {
        UUID id = UUID.randomUUID();
        return visibleThread(caller, threadId, AuditAction.CREATE, id.toString(), true, (thread, who) -> {
            AttachmentOutcome.Refusal refusal = null;
            Optional<String> type = AttachmentTypes.detect(content);
            if (content.length == 0) {
                refusal = AttachmentOutcome.Refusal.EMPTY;
            } else if (content.length > maxBytes()) {
                refusal = AttachmentOutcome.Refusal.TOO_LARGE;
            } else if (type.isEmpty()) {
                refusal = AttachmentOutcome.Refusal.UNSUPPORTED_TYPE;
            }
            if (refusal != null) {
                Log.infof("attachment to thread %s refused (%s) for %s", threadId, refusal, caller.userId());
                return audit.record(who, AuditAction.CREATE, RESOURCE, id.toString(), thread.patientId,
                        AuditOutcome.FAILED).replaceWith(AttachmentOutcome.refused(refusal));
            }
            Attachment attachment = new Attachment();
            attachment.id = id;
            attachment.threadId = thread.id;
            attachment.uploadedBy = caller.userId();
            attachment.uploaderRole = caller.primaryRole();
            attachment.mediaType = type.get();
            attachment.sizeBytes = content.length;
            attachment.sha256 = sha256(content);
            attachment.createdAt = clock.instant();
            return attachments.persist(attachment)
                    .chain(() -> store.write(id, content))
                    .chain(() -> audit.record(who, AuditAction.CREATE, RESOURCE, id.toString(), thread.patientId,
                            AuditOutcome.SUCCESS))
                    .invoke(() -> Log.infof("attachment %s (%s, %d bytes) added to thread %s by %s", id,
                            attachment.mediaType, attachment.sizeBytes, threadId, caller.userId()))
                    .replaceWith(AttachmentOutcome.ok(attachment));
        }, AttachmentOutcome.refused(AttachmentOutcome.Refusal.NOT_FOUND));
    }

    /** The attachment's metadata if the caller may read its thread; audited as a read. */
    @WithTransaction
    public Uni<AttachmentOutcome> find(Caller caller, UUID threadId, UUID attachmentId) {
        return visibleThread(caller, threadId, AuditAction.READ, attachmentId.toString(), false, (thread, who) ->
                attachments.findById(attachmentId).chain(found -> {
                    boolean here = found != null && found.threadId.equals(thread.id);
                    return audit.record(who, AuditAction.READ, RESOURCE, attachmentId.toString(), thread.patientId,
                                    here ? AuditOutcome.SUCCESS : AuditOutcome.FAILED)
                            .replaceWith(here ? AttachmentOutcome.ok(found)
                                    : AttachmentOutcome.refused(AttachmentOutcome.Refusal.NOT_FOUND));
                }), AttachmentOutcome.refused(AttachmentOutcome.Refusal.NOT_FOUND));
    }

    /** The thread's attachments, oldest first, if the caller may read it (else empty); audited as a query. */
    @WithTransaction
    public Uni<Optional<List<Attachment>>> list(Caller caller, UUID threadId) {
        return visibleThread(caller, threadId, AuditAction.QUERY, null, false, (thread, who) -> attachments.ofThread(thread.id)
                .call(() -> audit.record(who, AuditAction.QUERY, RESOURCE, null, thread.patientId,
                        AuditOutcome.SUCCESS))
                .map(Optional::of), Optional.empty());
    }

    /** The content, streamed from the store. Call only after {@link #find} allowed it. */
    public Multi<byte[]> content(Attachment attachment) {
        return store.read(attachment.id);
    }

    /**
     * Runs {@code work} on the thread if the caller may read it (and, for {@code write}, add to it);
     * otherwise audits the attempt (failed for a missing thread, denied for someone else's) and answers
     * NOT_FOUND for both alike, or READ_ONLY to a caller who may only read the thread.
     */
    private <T> Uni<T> visibleThread(Caller caller, UUID threadId, AuditAction action, String resourceId,
                                     boolean write, BiFunction<MessageThread, Caller, Uni<T>> work,
                                     T refused) {
        return scopes.of(caller).chain(scope -> threads.findById(threadId).chain(thread -> {
            Optional<Reach> reach = thread == null || !policy.usesThreads(caller)
                    ? Optional.empty() : policy.reach(scope, thread);
            if (reach.isEmpty() || (write && !reach.get().mayWrite())) {
                Log.infof("attachment %s on thread %s refused to %s", action, threadId, caller.userId());
                T answer = reach.isPresent() ? readOnly(refused) : refused;
                return audit.record(caller, action, RESOURCE, resourceId, thread == null ? null : thread.patientId,
                                thread == null ? AuditOutcome.FAILED : AuditOutcome.DENIED)
                        .replaceWith(answer);
            }
            return work.apply(thread, policy.auditedAs(caller, reach.get()));
        }));
    }

    @SuppressWarnings("unchecked")
    private static <T> T readOnly(T refused) {
        return refused instanceof AttachmentOutcome
                ? (T) AttachmentOutcome.refused(AttachmentOutcome.Refusal.READ_ONLY) : refused;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
