package org.careline.triage.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * In-process fan-out of committed queue changes to the Server-Sent Events streams of this instance. Fed
 * only after a transaction commits. With several instances, each stream sees the changes its instance
 * made (a shared feed, e.g. from the outbox topic, is the next step; see the README).
 */
@ApplicationScoped
public class QueueChanges {

    private final BroadcastProcessor<QueueChange> processor = BroadcastProcessor.create();

    public void publish(QueueChange change) {
        processor.onNext(change);
    }

    /** The changes to queues of the given care teams, from now on. */
    public Multi<QueueChange> of(Set<String> careTeams) {
        return processor.filter(change -> careTeams.contains(change.careTeam()));
    }
}
