package org.careline.messaging.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.events.VisitRecommended;
import org.careline.messaging.service.VisitRequestService;
import org.careline.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * Triage's visit recommendations ({@code careline.triage.visit-recommended.v1} on the escalations topic, its own
 * consumer group): each becomes a visit request from the rule with its templated reply, unless the thread
 * already has an open one. Each event is handled once (inbox); a record that is not a valid recommendation is
 * nacked and lands on the dead-letter topic. Other event types on the topic are ignored.
 */
@ApplicationScoped
public class VisitRecommendedConsumer {

    static final String NAME = "messaging.visit-recommended";

    private final EventCodec codec;
    private final Inbox inbox;
    private final VisitRequestService visits;

    public VisitRecommendedConsumer(EventCodec codec, Inbox inbox, VisitRequestService visits) {
        this.codec = codec;
        this.inbox = inbox;
        this.visits = visits;
    }

    @Incoming("visit-recommended")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.VISIT_RECOMMENDED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        VisitRecommended recommended = codec.data(event, EventType.VISIT_RECOMMENDED, VisitRecommended.class);
        if (recommended.visitType() == null || recommended.reason() == null || blank(recommended.patientId())) {
            throw new MalformedEventException("event " + event.id() + " lacks a visit type, reason or patient id");
        }
        UUID threadId = threadId(event, recommended);
        return inbox.once(NAME, event, () -> visits.requestByRule(threadId, recommended.patientId(),
                recommended.visitType(), recommended.reason()).replaceWithVoid()).replaceWithVoid();
    }

    private static UUID threadId(CloudEvent event, VisitRecommended recommended) {
        try {
            return UUID.fromString(recommended.threadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("event " + event.id() + " has no valid thread id");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
