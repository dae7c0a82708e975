package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;

/**
 * What follows a posted message, in the same transaction: for a patient's message, the out-of-office
 * redirect of the addressed clinician, a notification to whoever should read it and an automatic reply
 * when one is due; for a care-team message, a notification to the patient's side. The thread flows
 * (open, reply) call {@link #afterPost} once the message is persisted.
 */
@ApplicationScoped
public class MessageFollowUps {

    private final NotificationService notifications;
    private final AutoReplyService autoReplies;
    private final OutOfOfficeService outOfOffice;

    public MessageFollowUps(NotificationService notifications, AutoReplyService autoReplies,
                            OutOfOfficeService outOfOffice) {
        this.notifications = notifications;
        this.autoReplies = autoReplies;
        this.outOfOffice = outOfOffice;
    }

    /**
     * @param firstInThread whether {@code message} opened the thread
     */
    public Uni<Void> afterPost(MessageThread thread, Message message, boolean firstInThread) {
        if (!message.authorRole.speaksForPatient()) {
            return notifications.careTeamWrote(thread, message);
        }
        return redirectIfAway(thread)
                .chain(() -> notifications.patientWrote(thread, message, thread.addressedTo))
                .chain(() -> autoReplies.afterPatientMessage(thread, message, firstInThread && thread.patientInitiated))
                .replaceWithVoid();
    }

    /** While the addressed clinician is away, their delegate takes the thread over on their behalf. */
    private Uni<Void> redirectIfAway(MessageThread thread) {
        if (thread.addressedTo == null) {
            return Uni.createFrom().voidItem();
        }
        return outOfOffice.route(thread.addressedTo).invoke(delegation -> {
            if (delegation.delegated()) {
                thread.onBehalfOf = delegation.onBehalfOf();
                thread.addressedTo = delegation.recipient();
            }
        }).replaceWithVoid();
    }
}
