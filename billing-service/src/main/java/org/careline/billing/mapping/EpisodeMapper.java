package org.careline.billing.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.rest.EpisodePageResponse;
import org.careline.billing.rest.EpisodeResponse;
import org.careline.billing.rest.TraceResponse;
import org.careline.billing.rules.TraceStep;
import org.careline.billing.service.EpisodePage;

import java.util.List;
import java.util.UUID;

/** Entities to API records, in one place. */
@ApplicationScoped
public class EpisodeMapper {

    private static final TypeReference<List<TraceStep>> STEPS = new TypeReference<>() { };

    private final ObjectMapper json;

    public EpisodeMapper(ObjectMapper json) {
        this.json = json;
    }

    public TraceResponse toTrace(Episode e) {
        try {
            List<TraceStep> steps = e.trace == null ? List.of() : json.readValue(e.trace, STEPS);
            return new TraceResponse(e.id.toString(), e.status, e.code, e.reason, e.decidedAt, steps);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored trace of episode " + e.id + " is unreadable", ex);
        }
    }

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
