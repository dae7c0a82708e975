package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.EpisodeThread;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EpisodeThreadRepository implements PanacheRepositoryBase<EpisodeThread, UUID> {

    /** The thread's links to episodes, newest episode first. */
    public Uni<List<EpisodeThread>> listByThread(UUID threadId) {
        return list("threadId = ?1 order by threadOpenedAt desc", threadId);
    }

    public Uni<Long> countByEpisode(UUID episodeId) {
        return count("episodeId", episodeId);
    }

    public Uni<List<EpisodeThread>> listByEpisodes(Collection<UUID> episodeIds) {
        if (episodeIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("episodeId in ?1 order by threadOpenedAt, threadId", episodeIds);
    }
}
