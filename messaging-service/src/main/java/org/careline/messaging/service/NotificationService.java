package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.EventType;
import org.careline.events.NotificationChannel;
import org.careline.events.NotificationRecipientKind;
import org.careline.events.NotificationRequested;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.platform.outbox.Outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Requests "you have a new message" notifications, one {@code notification-requested} event per
 * recipient, through the outbox in the caller's transaction. The events carry identifiers, a generic
 * template key and a deep link only: never a subject, a body or anything else about the patient's health.
 */
@ApplicationScoped
public class NotificationService {

    /** Template keys: generic texts the sender owns. */
    public static final String NEW_PATIENT_MESSAGE = "new-patient-message";
    public static final String NEW_CARE_TEAM_MESSAGE = "new-message-from-care-team";
    public static final String AUTO_REPLY = "automatic-reply";
    public static final String EMERGENCY_AUTO_REPLY = "emergency-automatic-reply";

    private final Outbox outbox;
    private final CaregiverRecipients caregivers;
    private final Clock clock;

    public NotificationService(Outbox outbox, CaregiverRecipients caregivers, Clock clock) {
        this.outbox = outbox;
        this.caregivers = caregivers;
        this.clock = clock;
    }

    /** A patient or caregiver wrote: the addressed clinician if the thread has one, else the care team's pool. */
    public Uni<Void> patientWrote(MessageThread thread, Message message, String addressedClinician) {
        Recipient recipient = addressedClinician != null
                ? new Recipient(NotificationRecipientKind.CLINICIAN, addressedClinician)
                : new Recipient(NotificationRecipientKind.CARE_TEAM, thread.careTeam);
        return request(thread, message, List.of(recipient), NotificationChannel.IN_APP, NEW_PATIENT_MESSAGE);
    }

    /** A care-team member wrote: the patient and their caregivers. */
    public Uni<Void> careTeamWrote(MessageThread thread, Message message) {
        return toPatientSide(thread, message, NotificationChannel.PREFERRED, NEW_CARE_TEAM_MESSAGE);
    }

    /** The system replied automatically: the patient and their caregivers; an emergency reply on every channel. */
    public Uni<Void> autoReplied(MessageThread thread, Message message, boolean emergency) {
        return emergency
                ? toPatientSide(thread, message, NotificationChannel.ALL, EMERGENCY_AUTO_REPLY)
                : toPatientSide(thread, message, NotificationChannel.PREFERRED, AUTO_REPLY);
    }

    private Uni<Void> toPatientSide(MessageThread thread, Message message, NotificationChannel channel, String template) {
        return caregivers.activeFor(thread.patientId).chain(ids -> {
            List<Recipient> recipients = new ArrayList<>();
            recipients.add(new Recipient(NotificationRecipientKind.PATIENT, thread.patientId));
            ids.forEach(id -> recipients.add(new Recipient(NotificationRecipientKind.CAREGIVER, id)));
            return request(thread, message, recipients, channel, template);
        });
    }

    private Uni<Void> request(MessageThread thread, Message message, List<Recipient> recipients,
                              NotificationChannel channel, String template) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Recipient r : recipients) {
            NotificationRequested event = new NotificationRequested(UUID.randomUUID().toString(),
                    thread.id.toString(), message.id.toString(), r.kind(), r.id(), channel, template,
                    "/threads/" + thread.id, clock.instant());
            chain = chain.chain(() -> outbox.append(EventType.NOTIFICATION_REQUESTED, thread.id.toString(), r.id(),
                    event)).replaceWithVoid();
        }
        return chain;
    }

    private record Recipient(NotificationRecipientKind kind, String id) {
    }
}
