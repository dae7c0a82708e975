package org.careline.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.CloudEvent;

import java.util.function.Supplier;

/**
 * Makes consumers idempotent: Kafka delivers at least once, so each event id is handled once per
 * consumer. The dedupe row and the consumer's own writes commit in one transaction.
 */
@ApplicationScoped
public class Inbox {

    /**
     * Runs {@code work} in a transaction unless {@code consumer} already processed {@code event}.
     *
     * @return true when the work ran, false for a redelivered event
     */
    public Uni<Boolean> once(String consumer, CloudEvent event, Supplier<Uni<Void>> work) {
        return once(consumer, event.id(), work);
    }

    /** As {@link #once(String, CloudEvent, Supplier)}, by event id. */
    public Uni<Boolean> once(String consumer, String eventId, Supplier<Uni<Void>> work) {
        return Panache.withTransaction(() -> firstDelivery(consumer, eventId)
                .chain(first -> {
                    if (!first) {
                        Log.debugf("%s skips redelivered event %s", consumer, eventId);
                        return Uni.createFrom().item(false);
                    }
                    return work.get().replaceWith(true);
                }));
    }

    private Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into processed_event (consumer, event_id) values (:consumer, :eventId)"
                        + " on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
