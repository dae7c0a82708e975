package org.careline.billing.service;

import org.careline.billing.Episode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of episodes with the ids of the threads each covers.
 *
 * @param nextCursor where the next page starts; null on the last page
 */
public record EpisodePage(List<Episode> episodes, Map<UUID, List<UUID>> threadIds, String nextCursor) {
}
