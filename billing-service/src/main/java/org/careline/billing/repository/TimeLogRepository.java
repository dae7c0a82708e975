package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.TimeLog;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TimeLogRepository implements PanacheRepositoryBase<TimeLog, String> {

    public Uni<List<TimeLog>> listByEpisode(UUID episodeId) {
        return list("episodeId = ?1 order by loggedAt, messageId", episodeId);
    }

    /** Whether the clinician logged time on the episode: the clinician "who did the work". */
    public Uni<Boolean> workedOn(String clinicianId, UUID episodeId) {
        return count("clinicianId = ?1 and episodeId = ?2", clinicianId, episodeId).map(n -> n > 0);
    }

    /** Moves time recorded against one episode to another (a thread joining an open window). */
    public Uni<Integer> moveEpisode(UUID from, UUID to) {
        return update("episodeId = ?1 where episodeId = ?2", to, from);
    }
}
