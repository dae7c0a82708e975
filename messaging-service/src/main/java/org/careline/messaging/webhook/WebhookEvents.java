package org.careline.messaging.webhook;

import ca.uhn.fhir.context.FhirContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.Message;
import org.careline.messaging.MessageThread;
import org.careline.messaging.mapping.FhirCommunicationMapper;
import org.careline.messaging.repository.MessageRepository;
import org.hl7.fhir.r4.model.Communication;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Queues webhook deliveries for a thread change, in the caller's transaction (no dual write): one
 * {@link WebhookDelivery} per subscription that wants the event, carrying the body to sign and send
 * ({@code {"type", "timestamp", "data": <FHIR R4 Communication>}}). The thread flows call it where they write
 * their outbox events; {@link WebhookDispatcher} sends the rows.
 */
@ApplicationScoped
public class WebhookEvents {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final MessageRepository messages;
    private final FhirCommunicationMapper mapper;
    private final FhirContext fhir;
    private final Clock clock;

    public WebhookEvents(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                         MessageRepository messages, FhirCommunicationMapper mapper, FhirContext fhir, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.messages = messages;
        this.mapper = mapper;
        this.fhir = fhir;
        this.clock = clock;
    }

    /**
     * A new thread and its first message: its header Communication, then the message's (as {@link
     * #messagePosted(MessageThread, Message)}), reading the live subscriptions once.
     */
    public Uni<Void> threadOpened(MessageThread thread, Message first) {
        return subscriptions.live().chain(all -> queue(all, WebhookEventType.THREAD_OPENED, thread, null,
                        () -> Uni.createFrom().item(mapper.header(thread)))
                .chain(() -> queue(all, WebhookEventType.MESSAGE_POSTED, thread, first.id, () -> previous(thread, first))));
    }

    /** A thread closed: its header Communication (status completed). */
    public Uni<Void> threadClosed(MessageThread thread) {
        return queue(WebhookEventType.THREAD_CLOSED, thread, null,
                () -> Uni.createFrom().item(mapper.header(thread)));
    }

    /** A message (first, reply or automatic reply), once persisted: its Communication with the text. */
    public Uni<Void> messagePosted(MessageThread thread, Message message) {
        return queue(WebhookEventType.MESSAGE_POSTED, thread, message.id, () -> previous(thread, message));
    }

    private Uni<Communication> previous(MessageThread thread, Message message) {
        return messages.find("threadId = ?1 and id <> ?2 and postedAt <= ?3 order by postedAt desc, id desc",
                        thread.id, message.id, message.postedAt)
                .firstResult()
                .map(previous -> mapper.message(thread, message, previous));
    }

    private Uni<Void> queue(WebhookEventType type, MessageThread thread, UUID messageId,
                            java.util.function.Supplier<Uni<Communication>> resource) {
        return subscriptions.live().chain(all -> queue(all, type, thread, messageId, resource));
    }

    private Uni<Void> queue(List<WebhookSubscription> all, WebhookEventType type, MessageThread thread, UUID messageId,
                            java.util.function.Supplier<Uni<Communication>> resource) {
        List<WebhookSubscription> wanting = all.stream().filter(s -> s.wants(type, thread.careTeam)).toList();
        if (wanting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return resource.get().chain(communication -> {
            String body = body(type, now, communication);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (WebhookSubscription subscription : wanting) {
                chain = chain.chain(() -> deliveries.persist(delivery(subscription, type, thread, messageId, body, now))
                        .replaceWithVoid());
            }
            return chain;
        });
    }

    private String body(WebhookEventType type, Instant now, Communication communication) {
        return "{\"type\":\"" + type.wire() + "\",\"timestamp\":\"" + now + "\",\"data\":"
                + fhir.newJsonParser().encodeResourceToString(communication) + "}";
    }

    private static WebhookDelivery delivery(WebhookSubscription subscription, WebhookEventType type,
                                            MessageThread thread, UUID messageId, String body, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.subscriptionId = subscription.id;
        delivery.eventType = type.wire();
        delivery.threadId = thread.id;
        delivery.messageId = messageId;
        delivery.patientId = thread.patientId;
        delivery.payload = body;
        delivery.state = DeliveryState.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }
}
