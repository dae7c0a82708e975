package org.careline.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.service.EpisodeService;
import org.careline.billing.service.TimeLogService;
import org.careline.billing.service.VisitRequestService;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.events.MalformedEventException;
import org.careline.events.ThreadOpened;
import org.careline.events.TimeLogged;
import org.careline.events.VisitRequested;
import org.careline.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/**
 * The consumer as it was before batching (one record per transaction, {@code Inbox.once}), kept for
 * {@code BillingIngestBenchmark} only: it exists only when the benchmark's profile sets {@value #ENABLED} and reads
 * its own topic, so that the old and the new path run in one JVM. As it was:
 * <p>
 * Thread events from messaging: opened threads that can start an e-visit, time logged with replies, and
 * threads converted into visit requests (the window's time may roll into the visit).
 * A record that is not a valid event fails, is nacked and lands on the dead-letter topic; a redelivered
 * event is skipped by the inbox. Other event types on the topic are ignored.
 */
@ApplicationScoped
@IfBuildProperty(name = PerRecordThreadEventsConsumer.ENABLED, stringValue = "true")
public class PerRecordThreadEventsConsumer {

    public static final String ENABLED = "careline.bench.per-record-consumer";
    public static final String CHANNEL = "bench-per-record";

    static final String THREAD_OPENED = "billing.thread-opened";
    static final String TIME_LOGGED = "billing.time-logged";
    static final String VISIT_REQUESTED = "billing.visit-requested";
    private static final int RETRIES = 3;

    private final EventCodec codec;
    private final Inbox inbox;
    private final EpisodeService episodes;
    private final TimeLogService timeLogs;
    private final VisitRequestService visitRequests;

    public PerRecordThreadEventsConsumer(EventCodec codec, Inbox inbox, EpisodeService episodes, TimeLogService timeLogs,
                                VisitRequestService visitRequests) {
        this.visitRequests = visitRequests;
        this.codec = codec;
        this.inbox = inbox;
        this.episodes = episodes;
        this.timeLogs = timeLogs;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String record) {
        CloudEvent event = codec.read(record);
        if (EventType.THREAD_OPENED.type().equals(event.type())) {
            ThreadOpened opened = codec.data(event, EventType.THREAD_OPENED, ThreadOpened.class);
            return retried(inbox.once(THREAD_OPENED, event, () -> episodes.recordThread(opened)));
        }
        if (EventType.TIME_LOGGED.type().equals(event.type())) {
            TimeLogged logged = codec.data(event, EventType.TIME_LOGGED, TimeLogged.class);
            return retried(inbox.once(TIME_LOGGED, event, () -> timeLogs.record(logged)));
        }
        if (EventType.VISIT_REQUESTED.type().equals(event.type())) {
            VisitRequested requested = codec.data(event, EventType.VISIT_REQUESTED, VisitRequested.class);
            return retried(inbox.once(VISIT_REQUESTED, event, () -> visitRequests.record(requested)));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * A valid event that fails on a transient conflict (e.g. the scheduler deciding the same episode: optimistic
     * version check) is retried, its transaction having rolled back; a malformed one goes to the dead-letter topic.
     */
    private static Uni<Void> retried(Uni<Boolean> work) {
        return work.onFailure(f -> !(f instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(RETRIES)
                .replaceWithVoid();
    }
}
