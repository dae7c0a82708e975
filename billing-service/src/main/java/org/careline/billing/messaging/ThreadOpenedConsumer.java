package org.careline.billing.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.service.EpisodeService;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.ThreadOpened;
import org.careline.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records every opened thread that can start an e-visit. A record that is not a valid event fails, is
 * nacked and lands on the dead-letter topic; a redelivered event is skipped by the inbox.
 */
@ApplicationScoped
public class ThreadOpenedConsumer {

    static final String NAME = "billing.thread-opened";

    private final EventCodec codec;
    private final Inbox inbox;
    private final EpisodeService service;

    public ThreadOpenedConsumer(EventCodec codec, Inbox inbox, EpisodeService service) {
        this.codec = codec;
        this.inbox = inbox;
        this.service = service;
    }

    @Incoming("thread-events")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.THREAD_OPENED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ThreadOpened opened = codec.data(event, EventType.THREAD_OPENED, ThreadOpened.class);
        return inbox.once(NAME, event, () -> service.recordThread(opened)).replaceWithVoid();
    }
}
