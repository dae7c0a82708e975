package org.careline.messaging.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.BreakGlassGranted;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.messaging.service.BreakGlassService;
import org.careline.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records break-the-glass grants from audit-service. A record that is not a valid event fails, is nacked
 * and lands on the dead-letter topic; a redelivered event is skipped by the inbox.
 */
@ApplicationScoped
public class BreakGlassGrantConsumer {

    static final String NAME = "messaging.break-glass-granted";

    private final EventCodec codec;
    private final Inbox inbox;
    private final BreakGlassService service;

    public BreakGlassGrantConsumer(EventCodec codec, Inbox inbox, BreakGlassService service) {
        this.codec = codec;
        this.inbox = inbox;
        this.service = service;
    }

    @Incoming("break-glass-grants")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.BREAK_GLASS_GRANTED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        BreakGlassGranted granted = codec.data(event, EventType.BREAK_GLASS_GRANTED, BreakGlassGranted.class);
        if (granted.grantId() == null || granted.userId() == null || granted.patientId() == null
                || granted.expiresAt() == null || granted.grantedAt() == null) {
            throw new MalformedEventException("event " + event.id() + " misses grant fields");
        }
        return inbox.once(NAME, event, () -> service.record(granted)).replaceWithVoid();
    }
}
