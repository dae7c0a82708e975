package org.careline.triage.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MessagePosted;
import org.careline.platform.inbox.Inbox;
import org.careline.triage.service.QueueChange;
import org.careline.triage.service.QueueChanges;
import org.careline.triage.service.TriageService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Triages every message posted to a thread. A record that is not a valid event fails, is nacked and
 * lands on the dead-letter topic; a redelivered event is skipped by the inbox.
 */
@ApplicationScoped
public class MessagePostedConsumer {

    static final String NAME = "triage.message-posted";

    private final EventCodec codec;
    private final Inbox inbox;
    private final TriageService service;
    private final QueueChanges changes;

    public MessagePostedConsumer(EventCodec codec, Inbox inbox, TriageService service, QueueChanges changes) {
        this.codec = codec;
        this.inbox = inbox;
        this.service = service;
        this.changes = changes;
    }

    @Incoming("message-posted")
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (!EventType.MESSAGE_POSTED.type().equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        MessagePosted posted = codec.data(event, EventType.MESSAGE_POSTED, MessagePosted.class);
        QueueChange[] committed = new QueueChange[1];
        return inbox.once(NAME, event, () -> service.triage(posted).invoke(c -> committed[0] = c).replaceWithVoid())
                .invoke(() -> {
                    if (committed[0] != null) {
                        changes.publish(committed[0]); // after the inbox transaction committed
                    }
                })
                .replaceWithVoid();
    }
}
