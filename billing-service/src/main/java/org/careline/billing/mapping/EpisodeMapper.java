package org.careline.billing.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.rest.EpisodePageResponse;
import org.careline.billing.rest.EpisodeResponse;
import org.careline.billing.service.EpisodePage;

import java.util.List;
import java.util.UUID;

/** Entities to API records, in one place. */
@ApplicationScoped
public class EpisodeMapper {

    public EpisodePageResponse toResponse(EpisodePage page) {
        return new EpisodePageResponse(
                page.episodes().stream()
                        .map(e -> toResponse(e, page.threadIds().getOrDefault(e.id, List.of())))
                        .toList(),
                page.nextCursor());
    }

    private EpisodeResponse toResponse(Episode e, List<UUID> threadIds) {
        boolean open = e.status != EpisodeStatus.AWAITING_REVIEW;
        return new EpisodeResponse(e.id.toString(), e.patientId, e.careTeam, e.status,
                threadIds.stream().map(UUID::toString).toList(), open ? e.openedAt : null, e.totalMinutes,
                e.code, e.createdAt, e.updatedAt, open ? e.windowEnd : null, e.codeFamily, e.reason, e.decidedAt);
    }
}
